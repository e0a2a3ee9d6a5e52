/**
 * Call resources as the Calls API writes them (twilio/twilio-oai spec/json/twilio_api_v2010.json,
 * `api.v2010.account.call`; the fields as twilio-node reads them, src/rest/api/v2010/account/
 * call.ts): snake_case, dates in RFC 2822, `uri` and paging URIs relative to the API's host (the
 * client puts its own base in front).
 */
import type { CallRecord } from './callsService.ts';

export const API_VERSION = '2010-04-01';

/** RFC 2822 in GMT, as Twilio writes dates: "Thu, 01 Jan 2026 00:00:00 +0000". */
export function rfc2822(epochMs: number): string {
  return new Date(epochMs).toUTCString().replace(/GMT$/, '+0000');
}

/** A North American number as "(415) 555-1212"; any other E.164 number as it is. */
function formatted(number: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(number);
  return nanp ? `(${nanp[1]}) ${nanp[2]}-${nanp[3]}` : number;
}

/** The call's own path, relative to the API's host. */
export function callUri(accountSid: string, sid: string): string {
  return `/${API_VERSION}/Accounts/${accountSid}/Calls/${sid}.json`;
}

const SUBRESOURCES = [
  'feedback',
  'notifications',
  'recordings',
  'streams',
  'payments',
  'user_defined_message_subscriptions',
  'user_defined_messages',
  'events',
  'siprec',
  'transcriptions',
] as const;

const SUBRESOURCE_PATHS: Record<(typeof SUBRESOURCES)[number], string> = {
  feedback: 'Feedback',
  notifications: 'Notifications',
  recordings: 'Recordings',
  streams: 'Streams',
  payments: 'Payments',
  user_defined_message_subscriptions: 'UserDefinedMessageSubscriptions',
  user_defined_messages: 'UserDefinedMessages',
  events: 'Events',
  siprec: 'Siprec',
  transcriptions: 'Transcriptions',
};

export function callJson(call: CallRecord) {
  const base = `/${API_VERSION}/Accounts/${call.accountSid}/Calls/${call.sid}`;
  return {
    sid: call.sid,
    date_created: rfc2822(call.dateCreatedMs),
    date_updated: rfc2822(call.dateUpdatedMs),
    parent_call_sid: null,
    account_sid: call.accountSid,
    to: call.to,
    to_formatted: formatted(call.to),
    from: call.from,
    from_formatted: formatted(call.from),
    phone_number_sid: null,
    status: call.status,
    start_time: call.startTimeMs === null ? null : rfc2822(call.startTimeMs),
    end_time: call.endTimeMs === null ? null : rfc2822(call.endTimeMs),
    duration: call.durationSeconds === null ? null : String(call.durationSeconds),
    price: null,
    price_unit: 'USD',
    direction: 'outbound-api',
    answered_by: call.answeredBy,
    api_version: API_VERSION,
    forwarded_from: null,
    group_sid: null,
    caller_name: null,
    queue_time: '0',
    trunk_sid: null,
    uri: `${base}.json`,
    subresource_uris: Object.fromEntries(
      SUBRESOURCES.map((name) => [name, `${base}/${SUBRESOURCE_PATHS[name]}.json`]),
    ),
  };
}

export interface CallPageRequest {
  readonly pageSize: number;
  readonly page: number;
  /** `PA` and the sid of the last call of the page before, or null for the first page. */
  readonly pageToken: string | null;
  readonly filters: Readonly<Record<'To' | 'From' | 'Status', string | null>>;
}

/**
 * One page of GET Calls.json, newest first, with the v2010 paging fields the helper libraries
 * follow (`next_page_uri`, relative). A page token names the last call of the page before, so a
 * call placed meanwhile does not shift the pages.
 */
export function callPageJson(
  accountSid: string,
  calls: readonly CallRecord[],
  request: CallPageRequest,
) {
  const { pageSize, page, pageToken, filters } = request;
  const after = pageToken === null ? -1 : calls.findIndex((c) => `PA${c.sid}` === pageToken);
  const start = pageToken === null ? page * pageSize : after + 1;
  const items = calls.slice(start, start + pageSize);
  const path = `/${API_VERSION}/Accounts/${accountSid}/Calls.json`;
  const query = (extra: Record<string, string>) => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(filters))
      if (value !== null) params.set(name, value);
    params.set('PageSize', String(pageSize));
    for (const [name, value] of Object.entries(extra)) params.set(name, value);
    return `${path}?${params.toString()}`;
  };
  const last = items.at(-1);
  const hasNext = last !== undefined && start + pageSize < calls.length;
  return {
    calls: items.map(callJson),
    end: start + items.length - 1,
    first_page_uri: query({ Page: '0' }),
    next_page_uri: hasNext ? query({ Page: String(page + 1), PageToken: `PA${last.sid}` }) : null,
    page,
    page_size: pageSize,
    previous_page_uri: page > 0 ? query({ Page: String(page - 1) }) : null,
    start,
    uri: query({ Page: String(page), ...(pageToken === null ? {} : { PageToken: pageToken }) }),
  };
}
