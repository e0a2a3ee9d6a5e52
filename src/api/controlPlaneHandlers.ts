import { http, type HttpHandler } from 'msw';
import { ScenarioError } from '../scenario/index.ts';
import { requireE164 } from './formParams.ts';
import { isoTime } from './simClock.ts';
import { respondWith } from './respond.ts';
import { invalidParameter, VerifyError, ERROR_CODES } from './verifyError.ts';
import type { VerifyService } from './verifyService.ts';

async function readJson(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidParameter('body', 'send a JSON object');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidParameter('body', 'send a JSON object');
  }
  return value as Record<string, unknown>;
}

function phoneNumber(raw: unknown): string {
  return requireE164('number', decodeURIComponent(String(raw)));
}

/**
 * The simulator's own API (not Verify's): set up phones, read what they received, pick a
 * service's call flow, move the clock. Only here may a code appear: in a phone's own channels.
 */
export function createControlPlaneHandlers(root: string, model: VerifyService): HttpHandler[] {
  return [
    http.put(`${root}/Phones/:number`, ({ request, params }) =>
      respondWith(async () => {
        const number = phoneNumber(params.number);
        const body = await readJson(request);
        for (const key of Object.keys(body)) {
          if (key !== 'person' && key !== 'voicemail')
            throw invalidParameter(key, 'use person, voicemail');
        }
        try {
          model.network.configure(number, body);
        } catch (error) {
          if (error instanceof ScenarioError) {
            throw new VerifyError(400, ERROR_CODES.invalidParameter, error.message);
          }
          throw error;
        }
        return { number, configured: true };
      }),
    ),
    http.get(`${root}/Phones/:number/Voicemail`, ({ params }) =>
      respondWith(() => ({ messages: model.network.voicemail(phoneNumber(params.number)) })),
    ),
    http.get(`${root}/Phones/:number/Calls`, ({ params }) =>
      respondWith(() => ({ calls: model.network.calls(phoneNumber(params.number)) })),
    ),
    http.get(`${root}/Phones/:number/Messages`, ({ params }) =>
      respondWith(() => ({ messages: model.network.messages(phoneNumber(params.number)) })),
    ),
    http.put(`${root}/Services/:sid`, ({ request, params }) =>
      respondWith(async () => {
        const body = await readJson(request);
        const service = model.setStrategy(String(params.sid), String(body.strategy));
        return { sid: service.sid, strategy: model.strategyOf(service) };
      }),
    ),
    http.post(`${root}/Clock`, ({ request }) =>
      respondWith(async () => {
        const { advanceSeconds } = await readJson(request);
        if (
          typeof advanceSeconds !== 'number' ||
          !(advanceSeconds >= 0) ||
          !Number.isFinite(advanceSeconds)
        ) {
          throw invalidParameter('advanceSeconds', 'pass a number of seconds, 0 or more');
        }
        model.clock.advance(advanceSeconds * 1000);
        return { now: isoTime(model.clock.nowMs) };
      }),
    ),
    http.post(`${root}/Reset`, () =>
      respondWith(() => {
        model.reset();
        return { reset: true };
      }),
    ),
  ];
}
