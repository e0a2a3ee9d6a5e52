import { decodeUtf8, formatIssue, parseStrictJson, ScenarioError } from '../scenario/index.ts';
import { requireE164 } from './formParams.ts';
import { mediaType, readBodyBytes } from './requestBody.ts';
import { route, type Route } from './routes.ts';
import { isoTime, MAX_EPOCH_MS } from './simClock.ts';
import { invalidParameter, VerifyError, ERROR_CODES } from './verifyError.ts';
import type { VerifyService } from './verifyService.ts';

/** One clock move at most: a year covers every limit modelled (10-minute windows and codes). */
const MAX_ADVANCE_SECONDS = 366 * 86_400;

/**
 * A JSON object body with only `allowed` keys; an empty body is `{}`. Size-checked before it
 * is parsed, like every body. Read as `sim validate` reads a scenario file (scenario/utf8.ts,
 * scenario/strictJson.ts): bytes that are not UTF-8, a byte order mark, a name given twice, a
 * number past a double's range and nesting past 64 levels are refused, naming the first problem.
 */
async function readJson(
  request: Request,
  allowed: readonly string[],
): Promise<Record<string, unknown>> {
  const bytes = await readBodyBytes(request);
  if (bytes.length === 0) return {};
  const type = mediaType(request);
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw invalidParameter(
      'Content-Type',
      `the body was sent as ${type === '' ? 'no type' : type}; the control plane reads JSON ` +
        `(application/json)`,
    );
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    throw invalidParameter('body', `send UTF-8 text (${formatIssue(decoded.issue)})`);
  }
  const parsed = parseStrictJson(decoded.text);
  const problem = parsed.stop?.issue ?? parsed.problems.listed[0];
  if (problem) throw invalidParameter('body', `send a JSON object (${formatIssue(problem)})`);
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidParameter('body', 'send a JSON object');
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      const name = key.length > 64 ? `${key.slice(0, 64)}…` : key;
      throw invalidParameter(
        name,
        allowed.length > 0 ? `unknown field; use ${allowed.join(', ')}` : 'send no fields',
      );
    }
  }
  return value as Record<string, unknown>;
}

function text(name: string, value: unknown): string {
  if (typeof value !== 'string') throw invalidParameter(name, 'send a string');
  return value;
}

/**
 * The simulator's own API (not Verify's): set up phones, read what they received, pick a
 * service's call flow, move the clock. Only here may a code appear: in a phone's own channels
 * (its voicemail and its SMS inbox). No credentials: it stands for the phone network itself.
 */
export function controlPlaneRoutes(model: VerifyService): Route[] {
  const phone = (params: Readonly<Record<string, string>>): string =>
    requireE164('number', params.number ?? null);
  return [
    route('PUT', '/sim/v1/Phones/:number', async ({ request, params }) => {
      const number = phone(params);
      const { keypad, ...body } = await readJson(request, [
        'person',
        'voicemail',
        'keypad',
        'line',
      ]);
      if (keypad !== undefined && typeof keypad !== 'boolean') {
        throw invalidParameter('keypad', 'true (keys from POST …/Handset/Keys) or false');
      }
      try {
        model.network.configure(number, { ...body, keypad });
      } catch (error) {
        if (error instanceof ScenarioError) {
          throw new VerifyError(400, ERROR_CODES.invalidParameter, error.message);
        }
        throw error;
      }
      return { number, configured: true };
    }),
    route('GET', '/sim/v1/Phones/:number/Voicemail', ({ params }) => ({
      messages: model.network.voicemail(phone(params)),
    })),
    route('GET', '/sim/v1/Phones/:number/Calls', ({ params }) => ({
      calls: model.network.calls(phone(params)),
    })),
    route('GET', '/sim/v1/Phones/:number/Messages', ({ params }) => ({
      messages: model.network.messages(phone(params)),
    })),
    route('GET', '/sim/v1/Phones/:number/Handset', ({ params }) => ({
      calls: model.network.handset(phone(params)),
    })),
    route('POST', '/sim/v1/Phones/:number/Handset/Keys', async ({ request, params }) => {
      const number = phone(params);
      const { digit } = await readJson(request, ['digit']);
      if (typeof digit !== 'string' || !/^[0-9*#]$/.test(digit)) {
        throw invalidParameter('digit', 'one key of the keypad: 0-9, * or #');
      }
      return { number, call: model.network.pressKey(number, digit) };
    }),
    route('PUT', '/sim/v1/Services/:sid', async ({ request, params }) => {
      const choice = await readJson(request, ['strategy', 'dtmfStrategy']);
      const service = model.setStrategy(params.sid!, choice);
      return {
        sid: service.sid,
        strategy: model.strategyOf(service),
        dtmfStrategy: service.dtmfStrategy,
      };
    }),
    route(
      'POST',
      '/sim/v1/Accounts',
      async ({ request }) => {
        const { sid, authToken } = await readJson(request, ['sid', 'authToken']);
        return model.accounts.addAccount({
          ...(sid !== undefined ? { sid: text('sid', sid) } : {}),
          ...(authToken !== undefined ? { authToken: text('authToken', authToken) } : {}),
        });
      },
      201,
    ),
    route(
      'POST',
      '/sim/v1/Accounts/:sid/Keys',
      async ({ request, params }) => {
        const { sid, secret } = await readJson(request, ['sid', 'secret']);
        return model.accounts.addApiKey({
          accountSid: params.sid!,
          ...(sid !== undefined ? { sid: text('sid', sid) } : {}),
          ...(secret !== undefined ? { secret: text('secret', secret) } : {}),
        });
      },
      201,
    ),
    route('POST', '/sim/v1/Clock', async ({ request }) => {
      const { advanceSeconds, mode } = await readJson(request, ['advanceSeconds', 'mode']);
      if (mode !== undefined) {
        if (mode !== 'real' && mode !== 'simulated') {
          throw invalidParameter('mode', 'use real or simulated');
        }
        if (mode === 'real' && model.clock.realNow === null) {
          throw invalidParameter('mode', 'this simulator has no real clock (sim serve has one)');
        }
        if (advanceSeconds === undefined) {
          model.clock.setMode(mode);
          return { now: isoTime(model.clock.nowMs), mode };
        }
      }
      if (
        typeof advanceSeconds !== 'number' ||
        !(advanceSeconds >= 0 && advanceSeconds <= MAX_ADVANCE_SECONDS)
      ) {
        throw invalidParameter(
          'advanceSeconds',
          `pass a number of seconds from 0 to ${MAX_ADVANCE_SECONDS} (366 days)`,
        );
      }
      // The engine counts whole milliseconds.
      const advanceMs = Math.round(advanceSeconds * 1000);
      if (model.clock.nowMs + advanceMs > MAX_EPOCH_MS) {
        throw invalidParameter(
          'advanceSeconds',
          'the clock would pass the last date JSON can show',
        );
      }
      if (mode === 'real' || mode === 'simulated') model.clock.setMode(mode);
      model.clock.advance(advanceMs);
      return { now: isoTime(model.clock.nowMs), mode: model.clock.mode };
    }),
    route('POST', '/sim/v1/Reset', async ({ request }) => {
      await readJson(request, []);
      model.reset();
      return { reset: true };
    }),
  ];
}
