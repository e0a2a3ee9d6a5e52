import { http, type HttpHandler } from 'msw';
import { createControlPlaneHandlers } from './controlPlaneHandlers.ts';
import {
  optionalBoolean,
  optionalInteger,
  optionalText,
  requireE164,
  requireOneOf,
} from './formParams.ts';
import { readForm, requireBasicAuth } from './requestForm.ts';
import { respondWith } from './respond.ts';
import { invalidParameter } from './verifyError.ts';
import { serviceJson, verificationCheckJson, verificationJson } from './verifyJson.ts';
import { CHANNELS, type VerifyService } from './verifyService.ts';

export interface VerifyHandlerOptions {
  /** Extra origin (and path prefix) to serve, e.g. 'http://localhost:4010'; any origin matches `/v2/...` anyway. */
  readonly baseUrl?: string;
  readonly service: VerifyService;
}

/** The public Verify host: what `url` fields point at unless a base is given. */
export const VERIFY_BASE_URL = 'https://verify.twilio.com';

function onlyFields(form: URLSearchParams, allowed: readonly string[]): void {
  for (const key of form.keys()) {
    if (!allowed.includes(key))
      throw invalidParameter(key, `unknown parameter; use ${allowed.join(', ')}`);
  }
}

/** msw handlers for the Verify v2 subset, then the simulator's control plane (/sim/v1). */
export function createVerifyHandlers({ baseUrl, service }: VerifyHandlerOptions): HttpHandler[] {
  const urlBase = baseUrl ?? VERIFY_BASE_URL;
  const prefixes = [...new Set(['*', ...(baseUrl ? [baseUrl] : [])])];
  return prefixes.flatMap((prefix) => [
    ...verifyRoutes(`${prefix}/v2/Services`, service, urlBase),
    ...createControlPlaneHandlers(`${prefix}/sim/v1`, service),
  ]);
}

function verifyRoutes(root: string, model: VerifyService, urlBase: string): HttpHandler[] {
  return [
    http.post(root, ({ request }) =>
      respondWith(async () => {
        const accountSid = requireBasicAuth(request);
        const form = await readForm(request);
        onlyFields(form, ['FriendlyName', 'CodeLength', 'DtmfInputRequired']);
        const friendlyName = optionalText('FriendlyName', form.get('FriendlyName'), 30);
        if (friendlyName === null)
          throw invalidParameter('FriendlyName', 'pass 1 to 30 characters');
        const created = model.createService(accountSid, {
          friendlyName,
          codeLength: optionalInteger('CodeLength', form.get('CodeLength'), 4, 10, 6),
          dtmfInputRequired: optionalBoolean(
            'DtmfInputRequired',
            form.get('DtmfInputRequired'),
            false,
          ),
        });
        return serviceJson(created, urlBase);
      }, 201),
    ),
    http.get(`${root}/:sid`, ({ request, params }) =>
      respondWith(() => {
        requireBasicAuth(request);
        return serviceJson(model.service(String(params.sid)), urlBase);
      }),
    ),
    http.post(`${root}/:sid/Verifications`, ({ request, params }) =>
      respondWith(async () => {
        requireBasicAuth(request);
        const form = await readForm(request);
        onlyFields(form, ['To', 'Channel']);
        const to = requireE164('To', form.get('To'));
        const channel = requireOneOf('Channel', form.get('Channel'), CHANNELS);
        return verificationJson(model.startVerification(String(params.sid), to, channel), urlBase);
      }, 201),
    ),
    http.get(`${root}/:sid/Verifications/:vsid`, ({ request, params }) =>
      respondWith(() => {
        requireBasicAuth(request);
        const found = model.verification(String(params.sid), String(params.vsid));
        return verificationJson(found, urlBase);
      }),
    ),
    http.post(`${root}/:sid/Verifications/:vsid`, ({ request, params }) =>
      respondWith(async () => {
        requireBasicAuth(request);
        const form = await readForm(request);
        onlyFields(form, ['Status']);
        const status = requireOneOf('Status', form.get('Status'), [
          'canceled',
          'approved',
        ] as const);
        return verificationJson(
          model.updateStatus(String(params.sid), String(params.vsid), status),
          urlBase,
        );
      }),
    ),
    http.post(`${root}/:sid/VerificationCheck`, ({ request, params }) =>
      respondWith(async () => {
        requireBasicAuth(request);
        const form = await readForm(request);
        onlyFields(form, ['Code', 'To', 'VerificationSid']);
        const code = form.get('Code');
        if (code === null || code.length < 4 || code.length > 10) {
          throw invalidParameter('Code', 'pass the code received, 4 to 10 characters');
        }
        const to = form.get('To');
        const verificationSid = form.get('VerificationSid');
        if ((to === null) === (verificationSid === null)) {
          throw invalidParameter('To', 'pass exactly one of To and VerificationSid');
        }
        const target =
          to !== null ? { to: requireE164('To', to) } : { verificationSid: verificationSid! };
        return verificationCheckJson(model.check(String(params.sid), target, code));
      }),
    ),
  ];
}
