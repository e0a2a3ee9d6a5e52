import { optionalInteger } from './formParams.ts';
import { serviceJson } from './verifyJson.ts';
import type { ServiceRecord } from './verifyService.ts';

export interface PageRequest {
  readonly page: number;
  readonly pageSize: number;
}

/** Twilio's paging query: PageSize 1 to 1000 (default 50) and Page from 0. */
export function readPage(query: URLSearchParams): PageRequest {
  return {
    pageSize: optionalInteger('PageSize', query.get('PageSize'), 1, 1000, 50),
    page: optionalInteger('Page', query.get('Page'), 0, 1_000_000, 0),
  };
}

/** One page of GET /v2/Services, with the `meta` block the helper libraries page through. */
export function servicePageJson(
  services: readonly ServiceRecord[],
  { page, pageSize }: PageRequest,
  baseUrl: string,
) {
  const pageUrl = (n: number) => `${baseUrl}/v2/Services?PageSize=${pageSize}&Page=${n}`;
  const start = page * pageSize;
  return {
    services: services
      .slice(start, start + pageSize)
      .map((service) => serviceJson(service, baseUrl)),
    meta: {
      page,
      page_size: pageSize,
      first_page_url: pageUrl(0),
      previous_page_url: page > 0 ? pageUrl(page - 1) : null,
      url: pageUrl(page),
      next_page_url: start + pageSize < services.length ? pageUrl(page + 1) : null,
      key: 'services',
    },
  };
}
