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
import { ERROR_CODES, invalidParameter, VerifyError } from './verifyError.ts';
import { readPage, servicePageJson } from './servicePage.ts';
import { serviceJson, verificationCheckJson, verificationJson } from './verifyJson.ts';
import {
  CREATE_SERVICE,
  CREATE_VERIFICATION,
  CREATE_VERIFICATION_CHECK,
  readParameters,
  UPDATE_SERVICE,
  UPDATE_VERIFICATION,
} from './verifyParameters.ts';
import {
  DEFAULT_SETTINGS,
  type Channel,
  type ServiceSettings,
  type VerifyService,
} from './verifyService.ts';

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
  return routeHandlers(routes, ownsEveryPath ? 'every path' : ownedBases, service.accounts);
}

/** Verify's names for the service settings the simulator keeps. */
const SETTING_OF_PARAMETER = {
  LookupEnabled: 'lookupEnabled',
  SkipSmsToLandlines: 'skipSmsToLandlines',
  Psd2Enabled: 'psd2Enabled',
  CustomCodeEnabled: 'customCodeEnabled',
  DoNotShareWarningEnabled: 'doNotShareWarningEnabled',
  VerifyEventSubscriptionEnabled: 'verifyEventSubscriptionEnabled',
  DtmfInputRequired: 'dtmfInputRequired',
} as const;

/**
 * FriendlyName "can be up to 32 characters long" (twilio/twilio-oai
 * spec/json/twilio_verify_v2.json, CreateService and UpdateService).
 */
const MAX_FRIENDLY_NAME = 32;

/** The settings a create or update request gives (only those it gives). */
function readServiceSettings(form: Map<string, string>): Partial<ServiceSettings> {
  const settings: Partial<ServiceSettings> = {};
  const friendlyName = optionalText(
    'FriendlyName',
    form.get('FriendlyName') ?? null,
    MAX_FRIENDLY_NAME,
  );
  if (friendlyName !== null) settings.friendlyName = friendlyName;
  if (form.has('CodeLength')) {
    settings.codeLength = optionalInteger('CodeLength', form.get('CodeLength')!, 4, 10, 6);
  }
  for (const [parameter, setting] of Object.entries(SETTING_OF_PARAMETER)) {
    const value = form.get(parameter);
    if (value !== undefined) settings[setting] = optionalBoolean(parameter, value, false);
  }
  for (const [parameter, setting] of [
    ['TtsName', 'ttsName'],
    ['DefaultTemplateSid', 'defaultTemplateSid'],
  ] as const) {
    const value = form.get(parameter);
    if (value !== undefined) settings[setting] = optionalText(parameter, value, 256);
  }
  return settings;
}

/**
 * The channels Verify defines (the spec's `channel` enum and CreateVerification's description:
 * email, sms, whatsapp, call, sna, auto) and what it answers for those the simulator cannot
 * deliver: `email` without an email integration on the service is 400 / 60217
 * (https://www.twilio.com/docs/api/errors/60217); `whatsapp` without a WhatsApp sender 68008
 * (https://www.twilio.com/docs/api/errors/68008, no HTTP status given there: 400 here);
 * `sna` and `auto` are behind Twilio's access request (https://twilio.com/docs/verify/sna,
 * https://twilio.com/docs/verify/automatic-channel-selection), so an account without it gets
 * 60223, "delivery channel is currently disabled" (https://www.twilio.com/docs/api/errors/60223).
 */
const VERIFY_CHANNELS = ['sms', 'call', 'email', 'whatsapp', 'sna', 'auto'] as const;

function requireDeliverableChannel(channel: (typeof VERIFY_CHANNELS)[number]): Channel {
  if (channel === 'email') {
    throw new VerifyError(
      400,
      ERROR_CODES.emailNotConfigured,
      'Invalid Service configuration: add an email integration before using the Email channel',
    );
  }
  if (channel === 'whatsapp') {
    throw new VerifyError(
      400,
      ERROR_CODES.whatsappNotConfigured,
      'Verify WhatsApp channel not configured',
    );
  }
  if (channel === 'sna' || channel === 'auto') {
    throw new VerifyError(
      400,
      ERROR_CODES.channelDisabled,
      'Create verification failed because delivery channel is currently disabled',
    );
  }
  return channel;
}

function verifyRoutes(model: VerifyService, urlBase: string): Route[] {
  const auth = (request: Request) => requireBasicAuth(request, model.accounts);
  return [
    route(
      'POST',
      '/v2/Services',
      async ({ request }) => {
        const accountSid = auth(request);
        const form = readParameters(await readForm(request), CREATE_SERVICE);
        const { friendlyName, ...rest } = readServiceSettings(form);
        if (friendlyName === undefined) {
          throw invalidParameter('FriendlyName', `pass 1 to ${MAX_FRIENDLY_NAME} characters`);
        }
        const created = model.createService(accountSid, {
          ...DEFAULT_SETTINGS,
          ...rest,
          friendlyName,
        });
        return serviceJson(created, urlBase);
      },
      201,
    ),
    route('GET', '/v2/Services', ({ request }) => {
      const accountSid = auth(request);
      const page = readPage(new URL(request.url).searchParams);
      return servicePageJson(model.servicesOf(accountSid), page, urlBase);
    }),
    route('GET', '/v2/Services/:sid', ({ request, params }) => {
      const accountSid = auth(request);
      return serviceJson(model.serviceOf(accountSid, params.sid!), urlBase);
    }),
    route('POST', '/v2/Services/:sid', async ({ request, params }) => {
      const accountSid = auth(request);
      model.serviceOf(accountSid, params.sid!);
      const form = readParameters(await readForm(request), UPDATE_SERVICE);
      const changes = readServiceSettings(form);
      return serviceJson(model.updateService(accountSid, params.sid!, changes), urlBase);
    }),
    route(
      'DELETE',
      '/v2/Services/:sid',
      ({ request, params }) => {
        model.deleteService(auth(request), params.sid!);
      },
      204,
    ),
    route(
      'POST',
      '/v2/Services/:sid/Verifications',
      async ({ request, params }) => {
        model.serviceOf(auth(request), params.sid!);
        const form = readParameters(await readForm(request), CREATE_VERIFICATION);
        const channel = requireDeliverableChannel(
          requireOneOf('Channel', form.get('Channel') ?? null, VERIFY_CHANNELS),
        );
        const to = requireE164('To', form.get('To') ?? null);
        const customCode = form.get('CustomCode');
        if (customCode !== undefined) optionalText('CustomCode', customCode, 10, 4);
        const extras = {
          ...(customCode !== undefined ? { customCode } : {}),
          ...(form.has('Amount') ? { amount: form.get('Amount')! } : {}),
          ...(form.has('Payee') ? { payee: form.get('Payee')! } : {}),
        };
        return verificationJson(model.startVerification(params.sid!, to, channel, extras), urlBase);
      },
      201,
    ),
    route('GET', '/v2/Services/:sid/Verifications/:vsid', ({ request, params }) => {
      model.serviceOf(auth(request), params.sid!);
      return verificationJson(model.verification(params.sid!, params.vsid!), urlBase);
    }),
    route('POST', '/v2/Services/:sid/Verifications/:vsid', async ({ request, params }) => {
      model.serviceOf(auth(request), params.sid!);
      const form = readParameters(await readForm(request), UPDATE_VERIFICATION);
      const status = requireOneOf('Status', form.get('Status') ?? null, [
        'canceled',
        'approved',
      ] as const);
      return verificationJson(model.updateStatus(params.sid!, params.vsid!, status), urlBase);
    }),
    route('POST', '/v2/Services/:sid/VerificationCheck', async ({ request, params }) => {
      model.serviceOf(auth(request), params.sid!);
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
