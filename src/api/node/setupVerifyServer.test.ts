import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupVerifyServer } from './setupVerifyServer.ts';

const BASE = 'http://localhost:4010/verify-sim';
const AUTH = `Basic ${btoa('ACtest0000000000000000000000000000:token')}`;

describe('setupVerifyServer', () => {
  const { server } = setupVerifyServer({ baseUrl: BASE });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('serves a configured base with a path prefix and points url fields at it', async () => {
    const response = await fetch(`${BASE}/v2/Services`, {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'FriendlyName=Bank',
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { sid: string; url: string };
    expect(body.url).toBe(`${BASE}/v2/Services/${body.sid}`);
  });
});
