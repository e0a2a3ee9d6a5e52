import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createVerifyHandlers } from './handlers.ts';
import { matchRoute } from './routes.ts';
import { VerifyService } from './verifyService.ts';

describe('matchRoute', () => {
  it('matches the last segments at any origin and prefix, decoding each once', () => {
    const pattern = '/sim/v1/Phones/:number/Calls';
    expect(matchRoute(new URL('https://a.test/sim/v1/Phones/%2B1500/Calls'), pattern)).toEqual({
      number: '+1500',
    });
    expect(
      matchRoute(new URL('http://127.0.0.1:4010/x/sim/v1/Phones/%252B1/Calls'), pattern),
    ).toEqual({
      number: '%2B1',
    });
  });

  it('matches nothing for an empty parameter, another path or malformed percent-encoding', () => {
    const pattern = '/v2/Services/:sid';
    expect(matchRoute(new URL('https://a.test/v2/Services/'), pattern)).toBeNull();
    expect(matchRoute(new URL('https://a.test/v2/Services/VA1/Verifications'), pattern)).toBeNull();
    expect(matchRoute(new URL('https://a.test/v2/Services/%E0%A4%A'), pattern)).toBeNull();
  });
});

describe('which requests the handlers answer', () => {
  const handlers = createVerifyHandlers({ service: new VerifyService() });
  const answers = async (url: string): Promise<number | undefined> =>
    (await getResponse(handlers, new Request(url)))?.status;

  it("answers the simulator's paths anywhere and every path on the Verify host", async () => {
    expect(await answers('http://localhost:4010/v2/Services/VA1')).toBe(401);
    expect(await answers('http://localhost:4010/sim/v1/Anything')).toBe(404);
    expect(await answers('https://verify.twilio.com/v3/Anything')).toBe(404);
  });

  it('leaves other paths on other hosts to other handlers or the network', async () => {
    expect(await answers('https://api.example.com/v3/Anything')).toBeUndefined();
    expect(await answers('https://api.example.com/v2/Servicesx')).toBeUndefined();
    expect(await answers('https://verify.twilio.com.example.com/v3/Anything')).toBeUndefined();
  });

  it('answers every path under a configured base, and only under it', async () => {
    const based = createVerifyHandlers({
      service: new VerifyService(),
      baseUrl: 'http://localhost:4010/verify-sim',
    });
    const status = async (url: string) => (await getResponse(based, new Request(url)))?.status;
    expect(await status('http://localhost:4010/verify-sim/v3/Anything')).toBe(404);
    expect(await status('http://localhost:4010/verify-simulator/v3/Anything')).toBeUndefined();
    expect(await status('http://localhost:4011/verify-sim/v3/Anything')).toBeUndefined();
  });

  it('answers every path when it owns the whole server', async () => {
    const owned = createVerifyHandlers({ service: new VerifyService(), ownsEveryPath: true });
    const response = await getResponse(owned, new Request('http://127.0.0.1:4010/favicon.ico'));
    expect(response?.status).toBe(404);
    expect(await response?.json()).toMatchObject({ code: 20404, status: 404 });
  });
});
