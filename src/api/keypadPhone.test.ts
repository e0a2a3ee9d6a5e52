import { describe, expect, it } from 'vitest';
import { getJson, postForm, sendJson, useVerifySimulator } from './testing/verifyTestServer.ts';

const OWNER = '+15005550199';
/** The owner picks up every call, and their keys come from the handset's keypad. */
const KEYPAD_OWNER = { person: { answerProbability: 1 }, keypad: true };

interface Handset {
  callSid: string;
  heard: string[];
  transcript: Array<{ by: string; text: string }>;
  awaitingKey: boolean;
}

async function callOwner(strategy: string): Promise<string> {
  const created = await postForm('/v2/Services', { FriendlyName: 'Bank' });
  const sid = String(created.body.sid);
  await sendJson('PUT', `/sim/v1/Services/${sid}`, { strategy });
  const started = await postForm(`/v2/Services/${sid}/Verifications`, {
    To: OWNER,
    Channel: 'call',
  });
  expect(started.status).toBe(201);
  return sid;
}

async function handset(): Promise<Handset[]> {
  return (await getJson(`/sim/v1/Phones/${OWNER}/Handset`)).body.calls as Handset[];
}

const press = (digit: unknown) =>
  sendJson('POST', `/sim/v1/Phones/${OWNER}/Handset/Keys`, { digit });

const CODE_LINE = /^Your verification code is: (\d ){5}\d\.$/;

describe('a keypad phone: the owner presses the key the call asks for', () => {
  useVerifySimulator();

  it('waits at the prompt with what was said so far, and the key given reads the code', async () => {
    expect((await sendJson('PUT', `/sim/v1/Phones/${OWNER}`, KEYPAD_OWNER)).status).toBe(200);
    const sid = await callOwner('static-prompt');
    const [waiting] = await handset();
    expect(waiting).toMatchObject({
      awaitingKey: true,
      heard: [],
      transcript: [{ by: 'service', text: 'Press 1 to hear your code.' }],
    });
    expect((await getJson(`/sim/v1/Phones/${OWNER}/Calls`)).body.calls).toEqual([]);

    const pressed = await press('1');
    expect(pressed.status).toBe(200);
    const call = (pressed.body as { call: Handset }).call;
    expect(call.callSid).toBe(waiting!.callSid);
    expect(call.awaitingKey).toBe(false);
    expect(call.transcript.slice(0, 2)).toEqual([
      { by: 'service', text: 'Press 1 to hear your code.' },
      { by: 'person', text: 'You pressed 1.' },
    ]);
    expect(call.transcript.slice(2).map((line) => line.by)).toEqual(
      call.heard.map(() => 'service'),
    );
    expect(call.heard.length).toBeGreaterThan(0);
    for (const line of call.transcript.slice(2)) expect(line.text).toMatch(CODE_LINE);
    expect(await handset()).toEqual([call]);
    const calls = (await getJson(`/sim/v1/Phones/${OWNER}/Calls`)).body.calls as unknown[];
    expect(calls).toHaveLength(1);

    const code = call.heard[0]!.split(':')[1]!.replace(/[ .]/g, '');
    const checked = await postForm(`/v2/Services/${sid}/VerificationCheck`, {
      To: OWNER,
      Code: code,
    });
    expect(checked.body).toMatchObject({ status: 'approved' });
  });

  it('hangs up random-digit on a wrong key, and the owner hears no code', async () => {
    await sendJson('PUT', `/sim/v1/Phones/${OWNER}`, KEYPAD_OWNER);
    await callOwner('random-digit');
    const [waiting] = await handset();
    const asked = /^Press (\d) to hear your code\.$/.exec(waiting!.transcript[0]!.text)![1]!;
    const wrong = asked === '9' ? '0' : String(Number(asked) + 1);
    const { call } = (await press(wrong)).body as { call: Handset };
    expect(call).toMatchObject({ heard: [], awaitingKey: false });
    expect(call.transcript.at(-1)).toEqual({ by: 'person', text: `You pressed ${wrong}.` });
    const calls = (await getJson(`/sim/v1/Phones/${OWNER}/Calls`)).body.calls;
    expect(calls).toMatchObject([{ hangupReason: 'wrong-digit' }]);
  });

  it('refuses a key nothing waits for, a key not on a keypad, and a keypad that is not boolean', async () => {
    const idle = await press('1');
    expect(idle.status).toBe(409);
    expect(String(idle.body.message)).toContain('No call to +15005550199 is waiting for a key');
    await sendJson('PUT', `/sim/v1/Phones/${OWNER}`, KEYPAD_OWNER);
    await callOwner('static-prompt');
    for (const digit of ['12', 'A', 1, '']) {
      const bad = await press(digit);
      expect(bad.status, String(digit)).toBe(400);
      expect(String(bad.body.message)).toContain('digit: one key of the keypad: 0-9, * or #');
    }
    const badKeypad = await sendJson('PUT', `/sim/v1/Phones/${OWNER}`, { keypad: 'yes' });
    expect(badKeypad.status).toBe(400);
    expect(String(badKeypad.body.message)).toContain('keypad');
  });

  it('lets a call left waiting run on without a key when the next call comes', async () => {
    await sendJson('PUT', `/sim/v1/Phones/${OWNER}`, KEYPAD_OWNER);
    const sid = await callOwner('static-prompt');
    const first = (await handset())[0]!.callSid;
    const again = await postForm(`/v2/Services/${sid}/Verifications`, {
      To: OWNER,
      Channel: 'call',
    });
    expect(again.status).toBe(201);
    const calls = (await getJson(`/sim/v1/Phones/${OWNER}/Calls`)).body.calls;
    expect(calls).toMatchObject([{ callSid: first, hangupReason: 'no-input' }]);
    const phone = await handset();
    expect(phone.map((c) => [c.callSid === first, c.awaitingKey, c.heard])).toEqual([
      [true, false, []],
      [false, true, []],
    ]);
  });
});
