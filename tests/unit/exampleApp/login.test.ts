/**
 * The README's "Test your own app" test (testYourOwnApp.test.ts) passes because the example
 * app's flow keeps the attacker out, not because nothing happened: the same steps against a
 * weaker flow let the attacker in.
 */
import twilio from 'twilio';
import { setupVerifyServer } from 'voice-otp-lab/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLoginApp } from './login.ts';

const { server } = setupVerifyServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
const SIM = 'https://verify.twilio.com/sim/v1';
const VICTIM = '+15005550199';

function simJson(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  return fetch(`${SIM}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  }).then((response) => response.json() as Promise<Record<string, unknown>>);
}

it('lets the same attack in when the service only asks for key 1', async () => {
  const client = twilio(`AC${'0'.repeat(32)}`, 'any-token');
  await simJson('PUT', `/Phones/${VICTIM}`, {
    person: { answerProbability: 0 },
    voicemail: { greeting: [{ dtmf: '1', repeat: 10 }] },
  });
  const app = createLoginApp(client);
  await app.startLogin(VICTIM);
  const calls = (await simJson('GET', `/Phones/${VICTIM}/Calls`)).calls as Array<{
    strategy: string;
    answeredBy: string;
  }>;
  expect(calls[0]).toMatchObject({ strategy: 'random-digit', answeredBy: 'voicemail' });

  const [service] = await client.verify.v2.services.list();
  await simJson('PUT', `/Services/${service!.sid}`, { strategy: 'static-prompt' });
  await simJson('POST', '/Clock', { advanceSeconds: 601 });
  await app.startLogin(VICTIM);
  const voicemail = JSON.stringify(await simJson('GET', `/Phones/${VICTIM}/Voicemail`));
  const heard = /code is: ([\d ]+)/.exec(voicemail)?.[1]?.replaceAll(' ', '');
  expect(heard).toMatch(/^\d{6}$/);
  expect(await app.finishLogin(VICTIM, heard!)).toBe('signed-in');
});
