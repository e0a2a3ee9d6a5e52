import { afterAll, afterEach, beforeAll } from 'vitest';
import { setupVerifyServer } from '../node/setupVerifyServer.ts';
import type { VerifyService } from '../verifyService.ts';

export const BASE = 'https://verify.twilio.com';
export const AUTH = `Basic ${btoa('ACtest0000000000000000000000000000:token')}`;

/** One simulator per test file, reset between tests, intercepting fetch through msw/node. */
export function useVerifySimulator(): VerifyService {
  const { server, service: model } = setupVerifyServer({ seed: 7 });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => model.reset());
  afterAll(() => server.close());
  return model;
}

export async function postForm(
  path: string,
  fields: Record<string, string>,
  auth: string | null = AUTH,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(BASE + path, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(auth ? { authorization: auth } : {}),
    },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function getJson(
  url: string,
  auth: string | null = AUTH,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url.startsWith('http') ? url : BASE + url, {
    headers: auth ? { authorization: auth } : {},
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function sendJson(
  method: 'PUT' | 'POST',
  path: string,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(BASE + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
