import twilio from 'twilio';
import { setupVerifyServer } from 'voice-otp-lab/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLoginApp } from './exampleApp/login.ts'; // your login code, using the twilio client

const { server } = setupVerifyServer(); // answers https://verify.twilio.com in this process
beforeAll(() => server.listen());
afterAll(() => server.close());

it('keeps out an attacker who reads the voicemail', async () => {
  const victim = '+15005550199'; // asleep, and the attacker knows the voicemail PIN
  const phone = `https://verify.twilio.com/sim/v1/Phones/${victim}`;
  const greeting = [{ dtmf: '1', repeat: 10 }]; // the attacker's: the tone for key 1, ten times
  const setup = JSON.stringify({ person: { answerProbability: 0 }, voicemail: { greeting } });
  await fetch(phone, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: setup,
  });
  const app = createLoginApp(twilio(`AC${'0'.repeat(32)}`, 'any-token'));
  await app.startLogin(victim); // the app asks Verify to call the victim
  const heard = /code is: ([\d ]+)/.exec(await (await fetch(`${phone}/Voicemail`)).text());
  const code = heard?.[1]?.replaceAll(' ', '') ?? '000000';
  expect(await app.finishLogin(victim, code)).toBe('refused');
});
