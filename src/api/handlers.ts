import type { HttpHandler } from 'msw';
import { callRoutes } from './calls/callRoutes.ts';
import type { CallsService } from './calls/callsService.ts';
import { controlPlaneRoutes } from './controlPlaneHandlers.ts';
import {
  optionalBoolean,
  optionalInteger,
  optionalText,
  requireE164,
  requireOneOf,
} from './formParams.ts';
import { readForm, requireBasicAuth } from './requestForm.ts';
import { route, routeHandlers, type Route } from './routes.ts';
import { invalidParameter } from './verifyError.ts';
import { readPage, servicePageJson } from './servicePage.ts';
import { serviceJson, verificationCheckJson, verificationJson } from './verifyJson.ts';
import {
  CREATE_SERVICE,
  CREATE_VERIFICATION,
  CREATE_VERIFICATION_CHECK,
  readParameters,
  UPDATE_VERIFICATION,
} from './verifyParameters.ts';
import { CHANNELS, type VerifyService } from './verifyService.ts';

export interface VerifyHandlerOptions {
  /** Extra origin (and path prefix) to serve, e.g. 'http://localhost:4010'; any origin matches `/v2/...` anyway. */
  readonly baseUrl?: string;
  readonly service: VerifyService;
  /**
   * Answer every request, not only the simulator's paths: unknown ones get a 404 error body.
   * For a server that is the simulator's alone (`sim serve`); leave it off under msw in a test
   * process, where other handlers or the network answer other paths.
   */
  readonly ownsEveryPath?: boolean;
  /** The Calls API (`/2010-04-01/Accounts/{sid}/Calls.json`) over the same phones, when given. */
  readonly calls?: CallsService;
}

/** The public Verify host: what `url` fields point at unless a base is given. */
export const VERIFY_BASE_URL = 'https://verify.twilio.com';

/**
 * msw handlers for the Verify v2 subset and the simulator's control plane (/sim/v1), then a
 * 404/405 answer for any other path the simulator owns. A Verify request is checked in this
 * order, each step refusing before anything changes: credentials, the service (another
 * account's does not exist), the body's size and content type, its parameters, and last the
 * verification and its limits.
 */
export function createVerifyHandlers({
  baseUrl,
  service,
  ownsEveryPath = false,
  calls,
}: VerifyHandlerOptions): HttpHandler[] {
  const urlBase = baseUrl ?? VERIFY_BASE_URL;
  const routes = [
    ...verifyRoutes(service, urlBase),
    ...controlPlaneRoutes(service),
    ...(calls ? callRoutes(calls) : []),
  ];
  const ownedBases = [...new Set([VERIFY_BASE_URL, ...(baseUrl ? [baseUrl] : [])])];
  return routeHandlers(routes, ownsEveryPath ? 'every path' : ownedBases);
}

function verifyRoutes(model: VerifyService, urlBase: string): Route[] {
  return [
    route(
      'POST',
      '/v2/Services',
      async ({ request }) => {
        const accountSid = requireBasicAuth(request);
        const form = readParameters(await readForm(request), CREATE_SERVICE);
        const friendlyName = optionalText('FriendlyName', form.get('FriendlyName') ?? null, 30);
        if (friendlyName === null)
          throw invalidParameter('FriendlyName', 'pass 1 to 30 characters');
        const created = model.createService(accountSid, {
          friendlyName,
          codeLength: optionalInteger('CodeLength', form.get('CodeLength') ?? null, 4, 10, 6),
          dtmfInputRequired: optionalBoolean(
            'DtmfInputRequired',
            form.get('DtmfInputRequired') ?? null,
            false,
          ),
        });
        return serviceJson(created, urlBase);
      },
      201,
    ),
    route('GET', '/v2/Services', ({ request }) => {
      const accountSid = requireBasicAuth(request);
      const page = readPage(new URL(request.url).searchParams);
      return servicePageJson(model.servicesOf(accountSid), page, urlBase);
    }),
    route('GET', '/v2/Services/:sid', ({ request, params }) => {
      const accountSid = requireBasicAuth(request);
      return serviceJson(model.serviceOf(accountSid, params.sid!), urlBase);
    }),
    route(
      'POST',
      '/v2/Services/:sid/Verifications',
      async ({ request, params }) => {
        model.serviceOf(requireBasicAuth(request), params.sid!);
        const form = readParameters(await readForm(request), CREATE_VERIFICATION);
        const to = requireE164('To', form.get('To') ?? null);
        const channel = requireOneOf('Channel', form.get('Channel') ?? null, CHANNELS);
        return verificationJson(model.startVerification(params.sid!, to, channel), urlBase);
      },
      201,
    ),
    route('GET', '/v2/Services/:sid/Verifications/:vsid', ({ request, params }) => {
      model.serviceOf(requireBasicAuth(request), params.sid!);
      return verificationJson(model.verification(params.sid!, params.vsid!), urlBase);
    }),
    route('POST', '/v2/Services/:sid/Verifications/:vsid', async ({ request, params }) => {
      model.serviceOf(requireBasicAuth(request), params.sid!);
      const form = readParameters(await readForm(request), UPDATE_VERIFICATION);
      const status = requireOneOf('Status', form.get('Status') ?? null, [
        'canceled',
        'approved',
      ] as const);
      return verificationJson(model.updateStatus(params.sid!, params.vsid!, status), urlBase);
    }),
    route('POST', '/v2/Services/:sid/VerificationCheck', async ({ request, params }) => {
      model.serviceOf(requireBasicAuth(request), params.sid!);
      const form = readParameters(await readForm(request), CREATE_VERIFICATION_CHECK);
      const code = form.get('Code');
      if (code === undefined || code.length < 4 || code.length > 10) {
        throw invalidParameter('Code', 'pass the code received, 4 to 10 characters');
      }
      const to = form.get('To');
      const verificationSid = form.get('VerificationSid');
      if ((to === undefined) === (verificationSid === undefined)) {
        throw invalidParameter('To', 'pass exactly one of To and VerificationSid');
      }
      const target =
        to !== undefined ? { to: requireE164('To', to) } : { verificationSid: verificationSid! };
      return verificationCheckJson(model.check(params.sid!, target, code));
    }),
  ];
}
