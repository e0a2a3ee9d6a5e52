/**
 * Random request sequences against the handlers through msw/node and fetch: well-formed Verify
 * and control plane calls mixed with junk (methods, paths, encodings, credentials, content
 * types, unknown and huge fields, unicode). After every request:
 * - no 5xx, and every answer is JSON; every non-2xx is Verify's four-field error body;
 * - a rejected request, and any GET, leaves the simulator's snapshot exactly as it was;
 * - services exist exactly when a 201 created them (until a reset or a 204 deleted them);
 *   verifications vanish only with their service or past their lifetime, approved and canceled
 *   ones stay so, a locked one never unlocks, no verification has more
 *   than 5 checks, no number gets more than 5 sends in any 10 minutes;
 * - only the issued code approves a check, and it does while the verification is open;
 * - no issued code appears in any answer but a phone's own channels, nor in any log line.
 * fast-check prints the seed and path of a failing sequence, shrunk; pass them to fc.assert
 * (`{ seed, path }`) to replay it.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setupVerifyServer } from './node/setupVerifyServer.ts';
import { MAX_BODY_BYTES } from './requestBody.ts';
import { findCodeLeaks, isPhoneChannel } from './testing/codeLeaks.ts';
import { AUTH, BASE } from './testing/verifyTestServer.ts';
import type { VerifyServiceSnapshot } from './verifyService.ts';

/** Every code the service issued, in order (the mock below records them). */
const issued = vi.hoisted(() => [] as string[]);

vi.mock('../otp/index.ts', async (importOriginal) => {
  const otp = await importOriginal<typeof import('../otp/index.ts')>();
  return {
    ...otp,
    issueVerification: (...args: Parameters<typeof otp.issueVerification>) => {
      const verification = otp.issueVerification(...args);
      issued.push(verification.code);
      return verification;
    },
  };
});

const PHONES = ['+15005550100', '+15005550101'];
const TEN_MINUTES_MS = 600_000;

// ---------------------------------------------------------------- generators

/** Text without ASCII digits, so nothing the fuzz sends can pass for a code when echoed. */
const text = (maxLength: number) =>
  fc.string({
    unit: fc.constantFrom('a', 'Z', ' ', '-', 'é', 'ß', '漢', '😀', '\u0000', '%', '&', '='),
    maxLength,
  });
/** Sends and checks come in bursts, so that the 5-send and 5-check limits are reached. */
const repeats = fc.oneof(
  { weight: 3, arbitrary: fc.constant(1) },
  { weight: 1, arbitrary: fc.integer({ min: 2, max: 7 }) },
);
/** An index into what the session created so far; -1 (one time in ten) is a sid that never existed. */
const ref = fc.oneof(
  { weight: 9, arbitrary: fc.nat({ max: 31 }) },
  { weight: 1, arbitrary: fc.constant(-1) },
);

const fieldName = fc.oneof(
  fc.constantFrom(
    'To',
    'Channel',
    'Code',
    'VerificationSid',
    'FriendlyName',
    'CodeLength',
    'DtmfInputRequired',
    'Status',
    'Locale',
    'CustomCode',
    'RateLimits[x]',
    'strategy',
    'advanceSeconds',
    'person',
    'Foo',
    'to',
  ),
  text(12),
);
/** Values for any field: none holds 4 or more digits in a row, so an echo never looks like a code. */
const fieldValue = fc.oneof(
  fc.constantFrom(
    ...PHONES,
    '15005550100',
    '+01',
    '+1 500 555',
    'sms',
    'call',
    'whatsapp',
    'true',
    'maybe',
    '',
    '4',
    '11',
    'canceled',
    'approved',
    'naive',
    'random-digit',
    '<huge>',
  ),
  text(40),
);
/** Codes go only where a code belongs: Code is never echoed. */
const codeValue = fc.oneof(
  fc.constantFrom('<right code>', '<wrong code>'),
  fc.stringMatching(/^\d{1,12}$/),
);
const field = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fieldName, fieldValue) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('Code'), codeValue) },
);

type BodyKind = 'none' | 'form' | 'json' | 'huge' | 'invalid-utf8' | 'junk';
const rawRequest = fc.record({
  kind: fc.constant('raw' as const),
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
  path: fc.constantFrom(
    '/v2/Services',
    '/v2/Services/{s}',
    '/v2/Services/{s}/Verifications',
    '/v2/Services/{s}/Verifications/{v}',
    '/v2/Services/{s}/VerificationCheck',
    '/v2/Services/{s}/Nope',
    '/v2/Nope',
    '/v2/Services/%E0%A4%A',
    '/sim/v1/Phones/{p}',
    '/sim/v1/Phones/{p}/Calls',
    '/sim/v1/Phones/{p}/Voicemail',
    '/sim/v1/Phones/{p}/Messages',
    '/sim/v1/Services/{s}',
    '/sim/v1/Clock',
    '/sim/v1/Reset',
    '/sim/v1/%ZZ',
    '/',
    '/v2/Services/{junk}',
  ),
  junkSegment: text(20),
  service: ref,
  verification: ref,
  phone: ref,
  auth: fc.constantFrom('valid', 'valid', 'none', 'bearer', 'not-base64', 'no-colon'),
  contentType: fc.constantFrom('form', 'form', 'json', 'text', 'none', 'form-charset'),
  body: fc.constantFrom<BodyKind>('none', 'form', 'form', 'json', 'huge', 'invalid-utf8', 'junk'),
  fields: fc.array(field, { maxLength: 5 }),
});

const step = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('createService' as const),
      codeLength: fc.constantFrom('4', '6', '8', '10', '3', 'six'),
      dtmf: fc.boolean(),
      name: fc.oneof(
        { weight: 4, arbitrary: fc.constant('Bank') },
        { weight: 1, arbitrary: text(35) },
      ),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('send' as const),
      service: ref,
      phone: ref,
      channel: fc.constantFrom('sms', 'call'),
      times: repeats,
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('check' as const),
      service: ref,
      verification: ref,
      bySid: fc.boolean(),
      code: fc.constantFrom('right', 'wrong', 'wrong', 'short'),
      times: repeats,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('fetch' as const), service: ref, verification: ref }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      service: ref,
      verification: ref,
      status: fc.constantFrom('canceled', 'approved', 'pending'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('phone' as const),
      phone: ref,
      setup: fc.constantFrom('voicemail-dtmf', 'owner-answers', 'bad-field', 'too-long'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('strategy' as const),
      service: ref,
      strategy: fc.constantFrom('naive', 'static-prompt', 'amd', 'random-digit', 'nope'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('clock' as const),
      seconds: fc.constantFrom(0, 30, 299.9, 601, 31_622_400, -5, 1e300),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('read' as const),
      phone: ref,
      channel: fc.constantFrom('Calls', 'Voicemail', 'Messages'),
    }),
  },
  { weight: 6, arbitrary: rawRequest },
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

const PHONE_SETUPS: Record<string, unknown> = {
  'voicemail-dtmf': {
    person: { answerProbability: 0 },
    voicemail: { greeting: [{ speech: 0.8 }, { silence: 1 }, { dtmf: '1', repeat: 10 }] },
  },
  'owner-answers': { person: { answerProbability: 1 } },
  'bad-field': { person: { answerProbability: 2 } },
  'too-long': { voicemail: { greeting: [{ silence: 1e9 }] } },
};

// ---------------------------------------------------------------- the session model

/** What the responses said exists, to compare with the simulator's own snapshot. */
interface Session {
  services: string[];
  verifications: string[];
  codeOf: Map<string, string>;
}

interface Request {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: BodyInit;
  /** The Code submitted, for VerificationCheck. */
  readonly code?: string;
}

const pick = (pool: readonly string[], i: number, junk: string): string =>
  i < 0 || pool.length === 0 ? junk : pool[i % pool.length]!;

function formRequest(method: string, path: string, fields: Record<string, string>): Request {
  return {
    method,
    url: BASE + path,
    headers: { authorization: AUTH, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    ...(fields.Code !== undefined ? { code: fields.Code } : {}),
  };
}

function jsonRequest(method: string, path: string, body: unknown): Request {
  return {
    method,
    url: BASE + path,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}

function codeFor(
  session: Session,
  snapshot: VerifyServiceSnapshot,
  serviceSid: string,
  target: string,
  kind: string,
): string {
  const verification =
    snapshot.verifications.find((v) => v.sid === target) ??
    snapshot.verifications.filter((v) => v.serviceSid === serviceSid && v.to === target).at(-1);
  const right = (verification && session.codeOf.get(verification.sid)) ?? '000000';
  if (kind === 'right') return right;
  if (kind === 'short') return '1';
  return right.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
}

function toRequest(s: Step, session: Session, snapshot: VerifyServiceSnapshot): Request {
  const service = (i: number) => pick(session.services, i, `VA${'0'.repeat(32)}`);
  const verification = (i: number) => pick(session.verifications, i, `VE${'0'.repeat(32)}`);
  const phone = (i: number) => pick(PHONES, i, '15005550100');
  /** A verification, under its own service (or, if `service` is -1, under another one). */
  const verificationTarget = (s: { service: number; verification: number }) => {
    const vsid = verification(s.verification);
    const found = snapshot.verifications.find((v) => v.sid === vsid);
    return {
      vsid,
      sid: found && s.service !== -1 ? found.serviceSid : service(s.service),
      to: found?.to ?? phone(s.verification),
    };
  };
  switch (s.kind) {
    case 'createService':
      return formRequest('POST', '/v2/Services', {
        FriendlyName: s.name,
        CodeLength: s.codeLength,
        DtmfInputRequired: String(s.dtmf),
      });
    case 'send':
      return formRequest('POST', `/v2/Services/${service(s.service)}/Verifications`, {
        To: phone(s.phone),
        Channel: s.channel,
      });
    case 'check': {
      const { sid, to, vsid } = verificationTarget(s);
      const target = s.bySid ? vsid : to;
      const code = codeFor(session, snapshot, sid, target, s.code);
      return formRequest(
        'POST',
        `/v2/Services/${sid}/VerificationCheck`,
        s.bySid ? { VerificationSid: target, Code: code } : { To: target, Code: code },
      );
    }
    case 'fetch': {
      const { sid, vsid } = verificationTarget(s);
      return {
        method: 'GET',
        url: `${BASE}/v2/Services/${sid}/Verifications/${vsid}`,
        headers: { authorization: AUTH },
      };
    }
    case 'update': {
      const { sid, vsid } = verificationTarget(s);
      return formRequest('POST', `/v2/Services/${sid}/Verifications/${vsid}`, {
        Status: s.status,
      });
    }
    case 'phone':
      return jsonRequest('PUT', `/sim/v1/Phones/${phone(s.phone)}`, PHONE_SETUPS[s.setup]);
    case 'strategy':
      return jsonRequest('PUT', `/sim/v1/Services/${service(s.service)}`, { strategy: s.strategy });
    case 'clock':
      return jsonRequest('POST', '/sim/v1/Clock', { advanceSeconds: s.seconds });
    case 'read':
      return {
        method: 'GET',
        url: `${BASE}/sim/v1/Phones/${phone(s.phone)}/${s.channel}`,
        headers: {},
      };
    case 'raw':
      return rawToRequest(
        s,
        session,
        snapshot,
        service(s.service),
        verification(s.verification),
        phone(s.phone),
      );
  }
}

function rawToRequest(
  s: Extract<Step, { kind: 'raw' }>,
  session: Session,
  snapshot: VerifyServiceSnapshot,
  serviceSid: string,
  verificationSid: string,
  phone: string,
): Request {
  const path = s.path
    .replace('{s}', serviceSid)
    .replace('{v}', verificationSid)
    .replace('{p}', phone)
    .replace('{junk}', encodeURIComponent(s.junkSegment));
  const headers: Record<string, string> = {};
  const auth = {
    valid: AUTH,
    none: null,
    bearer: 'Bearer x',
    'not-base64': 'Basic !!',
    'no-colon': `Basic ${btoa('ACx')}`,
  }[s.auth];
  if (auth) headers.authorization = auth;
  const type = {
    form: 'application/x-www-form-urlencoded',
    'form-charset': 'application/x-www-form-urlencoded; charset=UTF-8',
    json: 'application/json',
    text: 'text/plain',
    none: null,
  }[s.contentType];
  if (type) headers['content-type'] = type;
  let code: string | undefined;
  const fields: Array<[string, string]> = s.fields.map(([name, value]) => {
    const resolved =
      value === '<right code>' || value === '<wrong code>'
        ? codeFor(
            session,
            snapshot,
            serviceSid,
            phone,
            value === '<right code>' ? 'right' : 'wrong',
          )
        : value === '<huge>'
          ? 'x'.repeat(MAX_BODY_BYTES + 1)
          : value;
    if (name === 'Code') code ??= resolved;
    return [name, resolved];
  });
  const canHaveBody = s.method !== 'GET';
  const body: BodyInit | undefined = !canHaveBody
    ? undefined
    : {
        none: undefined,
        form: new URLSearchParams(fields).toString(),
        json: JSON.stringify(Object.fromEntries(fields)),
        huge: `FriendlyName=${'x'.repeat(MAX_BODY_BYTES)}`,
        'invalid-utf8': new Uint8Array([0x54, 0x6f, 0x3d, 0xc3, 0x28]),
        junk: fields.map(([k, v]) => `${k}${v}`).join('&&=%'),
      }[s.body];
  return {
    method: s.method,
    url: BASE + path,
    headers,
    ...(body !== undefined ? { body } : {}),
    ...(code !== undefined ? { code } : {}),
  };
}

// ---------------------------------------------------------------- invariants

const STATUS_NEXT: Record<string, readonly string[]> = {
  pending: ['pending', 'approved', 'canceled', 'max_attempts_reached'],
  max_attempts_reached: ['max_attempts_reached', 'approved', 'canceled'],
  approved: ['approved'],
  canceled: ['canceled'],
};

/** What is wrong with `after`, given `before` and what the answers said: nothing, normally. */
function snapshotViolations(
  before: VerifyServiceSnapshot,
  after: VerifyServiceSnapshot,
  session: Session,
): string[] {
  const violations: string[] = [];
  const sameSet = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((x) => b.includes(x));
  if (
    !sameSet(
      after.services.map((s) => s.sid),
      session.services,
    )
  ) {
    violations.push('services differ from those the 201 answers created');
  }
  if (
    !sameSet(
      after.verifications.map((v) => v.sid),
      session.verifications,
    )
  ) {
    violations.push('verifications differ from those the 201 answers created');
  }
  for (const verification of after.verifications) {
    if (verification.checkCount > 5)
      violations.push(`${verification.sid}: ${verification.checkCount} checks`);
    const previous = before.verifications.find((v) => v.sid === verification.sid);
    if (previous && !STATUS_NEXT[previous.status]!.includes(verification.status)) {
      violations.push(`${verification.sid}: ${previous.status} became ${verification.status}`);
    }
  }
  for (const [key, times] of Object.entries(after.sendTimes)) {
    const sorted = [...times].sort((a, b) => a - b);
    sorted.forEach((start, i) => {
      const inWindow = sorted.slice(i).filter((t) => t - start < TEN_MINUTES_MS).length;
      if (inWindow > 5) violations.push(`${key}: ${inWindow} sends within 10 minutes`);
    });
  }
  return violations;
}

function expectedApproval(
  request: Request,
  before: VerifyServiceSnapshot,
  session: Session,
): boolean {
  const match = /\/v2\/Services\/([^/]+)\/VerificationCheck$/.exec(new URL(request.url).pathname);
  if (!match || request.code === undefined || request.headers.authorization !== AUTH) return false;
  if (request.headers['content-type'] !== 'application/x-www-form-urlencoded') return false;
  if (typeof request.body !== 'string') return false;
  const form = new URLSearchParams(request.body);
  if ([...form.keys()].some((k) => !['Code', 'To', 'VerificationSid'].includes(k))) return false;
  if (
    new Set(form.keys()).size !== [...form.keys()].length ||
    form.has('To') === form.has('VerificationSid')
  )
    return false;
  const open = before.verifications.find(
    (v) =>
      v.serviceSid === match[1] &&
      (v.sid === form.get('VerificationSid') || v.to === form.get('To')) &&
      v.status === 'pending' &&
      before.nowMs < v.expiresAtMs,
  );
  return open !== undefined && open.checkCount < 5 && session.codeOf.get(open.sid) === request.code;
}

// ---------------------------------------------------------------- the property

describe('the handlers under random requests', () => {
  const { server, service } = setupVerifyServer({ seed: 5 });
  const logged: string[] = [];
  beforeAll(() => {
    server.listen({ onUnhandledRequest: 'error' });
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
      });
    }
  });
  afterAll(() => {
    server.close();
    vi.restoreAllMocks();
  });

  it('never answers 5xx, corrupts state or leaks a code', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 30, size: 'max' }),
        async (steps) => {
          service.reset();
          const session: Session = { services: [], verifications: [], codeOf: new Map() };
          // Start with a service, so that most sends and checks reach one.
          const opening: Step = {
            kind: 'createService',
            codeLength: '6',
            dtmf: false,
            name: 'Bank',
          };
          const runCodes = issued.length;
          const requests = [opening, ...steps].flatMap((s) =>
            Array.from({ length: 'times' in s ? s.times : 1 }, () => s),
          );
          for (const s of requests) {
            const before = service.snapshot();
            const issuedBefore = issued.length;
            const request = toRequest(s, session, before);
            const response = await fetch(request.url, {
              method: request.method,
              headers: request.headers,
              ...(request.body !== undefined ? { body: request.body } : {}),
            });
            const label = `${request.method} ${request.url.slice(0, 120)} → ${response.status}`;
            expect(response.status, label).toBeLessThan(500);
            const deleted = response.status === 204;
            if (!deleted) {
              expect(response.headers.get('content-type'), label).toMatch(/^application\/json/);
            }
            const body = deleted ? {} : ((await response.json()) as Record<string, unknown>);
            const ok = response.status < 300;
            if (deleted) {
              // A deleted service takes its verifications with it.
              const sid = new URL(request.url).pathname.split('/').at(-1)!;
              session.services = session.services.filter((s) => s !== sid);
              const gone = before.verifications.filter((v) => v.serviceSid === sid);
              session.verifications = session.verifications.filter(
                (v) => !gone.some((g) => g.sid === v),
              );
            }

            if (ok && /\/sim\/v1\/Reset$/.test(request.url)) {
              session.services = [];
              session.verifications = [];
            }
            if (response.status === 201 && typeof body.sid === 'string') {
              if (body.sid.startsWith('VA')) session.services.push(body.sid);
              if (body.sid.startsWith('VE')) {
                // A send forgets the verifications past their lifetime (as Verify does).
                const retired = before.verifications.filter((v) => v.expiresAtMs <= before.nowMs);
                session.verifications = session.verifications.filter(
                  (v) => !retired.some((r) => r.sid === v),
                );
              }
              if (body.sid.startsWith('VE') && !session.verifications.includes(body.sid)) {
                session.verifications.push(body.sid);
                expect(issued.length, label).toBe(issuedBefore + 1);
                session.codeOf.set(body.sid, issued.at(-1)!);
              }
            }
            const after = service.snapshot();

            if (!ok) {
              expect(Object.keys(body).sort(), label).toEqual([
                'code',
                'message',
                'more_info',
                'status',
              ]);
              expect(body.status, label).toBe(response.status);
              expect(body.more_info, label).toBe(
                `https://www.twilio.com/docs/errors/${String(body.code)}`,
              );
              expect(typeof body.message === 'string' && body.message.length > 0, label).toBe(true);
            }
            if (!ok || request.method === 'GET') {
              expect(JSON.stringify(after), `${label} changed state`).toBe(JSON.stringify(before));
            }
            expect(snapshotViolations(before, after, session), label).toEqual([]);
            if (body.status === 'approved' && /VerificationCheck$/.test(request.url)) {
              expect(request.code, `${label} approved another code`).toBe(
                session.codeOf.get(String(body.sid)),
              );
            }
            if (expectedApproval(request, before, session)) {
              expect(body, `${label}: the right code on an open verification`).toMatchObject({
                status: 'approved',
              });
            }
            if (!isPhoneChannel(request.method, request.url)) {
              expect(findCodeLeaks(body, issued.slice(runCodes)), label).toEqual([]);
            }
          }
          expect(findCodeLeaks(logged, issued.slice(runCodes))).toEqual([]);
        },
      ),
      { numRuns: 30 },
    );
  });
});
