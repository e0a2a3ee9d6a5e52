import { describe, expect, it } from 'vitest';
import { getJson, postForm, sendJson, useVerifySimulator } from './testing/verifyTestServer.ts';

const VICTIM = '+15005550199';
const NIGHT_ATTACK = {
  person: { answerProbability: 0 },
  voicemail: {
    greeting: [
      { speech: 0.8 },
      { silence: 1.0 },
      { dtmf: '1', toneMs: 120, gapMs: 80, repeat: 10 },
    ],
  },
};

async function callVictim(strategy: string): Promise<string> {
  const created = await postForm('/v2/Services', { FriendlyName: 'Bank' });
  const sid = String(created.body.sid);
  expect((await sendJson('PUT', `/sim/v1/Services/${sid}`, { strategy })).status).toBe(200);
  const started = await postForm(`/v2/Services/${sid}/Verifications`, {
    To: VICTIM,
    Channel: 'call',
  });
  expect(started.status).toBe(201);
  return sid;
}

describe('the /sim/v1 control plane', () => {
  useVerifySimulator();

  it('configures a phone from scenario pieces and names a bad field', async () => {
    expect((await sendJson('PUT', `/sim/v1/Phones/${VICTIM}`, NIGHT_ATTACK)).status).toBe(200);
    const bad = await sendJson('PUT', `/sim/v1/Phones/${VICTIM}`, {
      person: { answerProbability: 2 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 60200 });
    expect(String(bad.body.message)).toContain('person.answerProbability');
  });

  it('records a naive call read into the voicemail, with the code in the transcript only', async () => {
    await sendJson('PUT', `/sim/v1/Phones/${VICTIM}`, NIGHT_ATTACK);
    await callVictim('naive');
    const { body } = await getJson(`/sim/v1/Phones/${VICTIM}/Voicemail`);
    const messages = body.messages as Array<{ transcript: string }>;
    expect(messages).toHaveLength(1);
    expect(messages[0]!.transcript).toMatch(/Your verification code is: (\d ){5}\d\./);
    const calls = (await getJson(`/sim/v1/Phones/${VICTIM}/Calls`)).body.calls as Array<
      Record<string, unknown>
    >;
    expect(calls[0]).toMatchObject({ strategy: 'naive', answeredBy: 'voicemail' });
    const code = messages[0]!.transcript.split(':')[1]!.replace(/[ .]/g, '');
    expect(JSON.stringify(calls)).not.toContain(code);
  });

  it('serves what the owner heard on the handset, and that code is approved', async () => {
    await sendJson('PUT', `/sim/v1/Phones/${VICTIM}`, { person: { answerProbability: 1 } });
    const sid = await callVictim('naive');
    const { body } = await getJson(`/sim/v1/Phones/${VICTIM}/Handset`);
    const calls = body.calls as Array<{ callSid: string; heard: string[] }>;
    expect(calls).toHaveLength(1);
    expect(calls[0]!.heard.length).toBeGreaterThan(0);
    expect(calls[0]!.heard[0]).toMatch(/Your verification code is: (\d ){5}\d\./);
    expect((await getJson(`/sim/v1/Phones/${VICTIM}/Voicemail`)).body.messages).toEqual([]);
    const code = calls[0]!.heard[0]!.split(':')[1]!.replace(/[ .]/g, '');
    const checked = await postForm(`/v2/Services/${sid}/VerificationCheck`, {
      To: VICTIM,
      Code: code,
    });
    expect(checked.body).toMatchObject({ status: 'approved', valid: true });
  });

  it('keeps a random-digit call out of the voicemail unless the greeting guesses the key', async () => {
    await sendJson('PUT', `/sim/v1/Phones/${VICTIM}`, NIGHT_ATTACK);
    await callVictim('random-digit');
    const calls = (await getJson(`/sim/v1/Phones/${VICTIM}/Calls`)).body.calls as Array<
      Record<string, unknown>
    >;
    expect(calls[0]).toMatchObject({ strategy: 'random-digit', answeredBy: 'voicemail' });
    const events = calls[0]!.events as Array<{ type: string; atMs: number }>;
    expect(events[0]).toMatchObject({ type: 'placed', atMs: 0, strategy: 'random-digit' });
    expect(events.filter((e) => e.type === 'flow-state').length).toBeGreaterThan(0);
    // The greeting's tone reaches the service before any readout: the call ends on a wrong key.
    expect(events.some((e) => e.type === 'readout-started')).toBe(false);
    expect(events.at(-1)).toMatchObject({ type: 'flow-state', state: 'ended' });
  });

  it('delivers sms codes to the inbox', async () => {
    const created = await postForm('/v2/Services', { FriendlyName: 'Bank' });
    await postForm(`/v2/Services/${String(created.body.sid)}/Verifications`, {
      To: VICTIM,
      Channel: 'sms',
    });
    const { body } = await getJson(`/sim/v1/Phones/${VICTIM}/Messages`);
    expect((body.messages as Array<{ body: string }>)[0]!.body).toMatch(/code is: \d{6}$/);
  });

  it('refuses an unknown strategy and an unknown service', async () => {
    const created = await postForm('/v2/Services', { FriendlyName: 'Bank' });
    const bad = await sendJson('PUT', `/sim/v1/Services/${String(created.body.sid)}`, {
      strategy: 'x',
    });
    expect(bad).toMatchObject({ status: 400, body: { code: 60200 } });
    expect(String(bad.body.message)).toContain('random-digit');
    const missing = await sendJson('PUT', '/sim/v1/Services/VAnope', { strategy: 'naive' });
    expect(missing).toMatchObject({ status: 404, body: { code: 20404 } });
  });

  it('resets everything', async () => {
    const created = await postForm('/v2/Services', { FriendlyName: 'Bank' });
    expect((await sendJson('POST', '/sim/v1/Reset', {})).status).toBe(200);
    expect((await getJson(`/v2/Services/${String(created.body.sid)}`)).status).toBe(404);
  });
});
