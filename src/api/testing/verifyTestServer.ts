import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { setupVerifyServer } from '../node/setupVerifyServer.ts';
import type { VerifyService } from '../verifyService.ts';

export const BASE = 'https://verify.twilio.com';
export const AUTH = `Basic ${btoa('ACtest0000000000000000000000000000:token')}`;

export interface SimResponse {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** One simulator per test file, reset between tests, intercepting fetch through msw/node. */
export function useVerifySimulator(): VerifyService {
  const { server, service: model } = setupVerifyServer({ seed: 7 });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => model.reset());
  afterAll(() => server.close());
  return model;
}

/** Any request to the simulator; the body is parsed as JSON (every answer is JSON). */
export async function send(
  method: string,
  path: string,
  init: { body?: BodyInit; headers?: Record<string, string>; auth?: string | null } = {},
): Promise<SimResponse> {
  const { body, headers = {}, auth = AUTH } = init;
  const response = await fetch(path.startsWith('http') ? path : BASE + path, {
    method,
    headers: { ...(auth ? { authorization: auth } : {}), ...headers },
    ...(body !== undefined ? { body } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export function postForm(
  path: string,
  fields: Record<string, string> | URLSearchParams,
  auth: string | null = AUTH,
): Promise<SimResponse> {
  return send('POST', path, {
    auth,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

export function getJson(url: string, auth: string | null = AUTH): Promise<SimResponse> {
  return send('GET', url, { auth });
}

export function sendJson(
  method: 'PUT' | 'POST',
  path: string,
  body: unknown,
): Promise<SimResponse> {
  return send(method, path, {
    auth: null,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Verify's error body: exactly these four fields, consistent with the HTTP status. */
export function expectVerifyError(
  response: SimResponse,
  status: number,
  code: number,
  messageContains?: string,
): void {
  expect(response.status).toBe(status);
  expect(Object.keys(response.body).sort()).toEqual(['code', 'message', 'more_info', 'status']);
  expect(response.body).toMatchObject({
    code,
    status,
    more_info: `https://www.twilio.com/docs/errors/${code}`,
  });
  if (messageContains !== undefined)
    expect(String(response.body.message)).toContain(messageContains);
}
