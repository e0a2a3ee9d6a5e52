import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createVerifyHandlers, VerifyService } from '../../../api/index.ts';
import { VerifyClient } from '../bank/verifyClient.ts';
import { PHONE_PRESETS } from './phonePresets.ts';
import { SimulatorControl } from './simulatorControl.ts';

const BASE = 'http://bank.test/verify-sim';
const NUMBER = '+15005550199';
const service = new VerifyService({ seed: 1 });
const server = setupServer(...createVerifyHandlers({ baseUrl: BASE, service }));
const bank = new VerifyClient(BASE, { accountSid: 'ACtest', authToken: 'token' });
const sim = new SimulatorControl(BASE);
const preset = (id: string) => PHONE_PRESETS.find((p) => p.id === id)!.setup;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => service.reset());
afterAll(() => server.close());

describe("the demo's simulator control and the handset channel", () => {
  it('holds what the owner heard, and that code signs in', async () => {
    const { sid } = await bank.createService('Demo Bank');
    await sim.setStrategy(sid, 'static-prompt');
    await sim.setUpPhone(NUMBER, preset('owner-answers'));
    const verification = await bank.sendCode(sid, NUMBER, 'call');

    const [call] = await sim.handset(NUMBER);
    expect(call!.callSid).toBe(verification.send_code_attempts[0]!.attempt_sid);
    expect(call!.heard.length).toBeGreaterThan(0);
    const code = /((?:\d )+\d)\.$/.exec(call!.heard[0]!)![1]!.replaceAll(' ', '');
    expect(JSON.stringify(verification)).not.toContain(code);
    expect(await bank.checkCode(sid, NUMBER, code)).toMatchObject({ status: 'approved' });
  });

  it('stays empty when the voicemail box answers, and is cleared by a reset', async () => {
    const { sid } = await bank.createService('Demo Bank');
    await sim.setUpPhone(NUMBER, preset('dtmf-1-greeting'));
    await bank.sendCode(sid, NUMBER, 'call');
    expect(await sim.handset(NUMBER)).toEqual([]);
    expect((await sim.voicemail(NUMBER))[0]!.transcript).toMatch(/verification code/);

    await sim.setUpPhone(NUMBER, preset('owner-answers'));
    await bank.sendCode(sid, NUMBER, 'call');
    expect(await sim.handset(NUMBER)).toHaveLength(1);
    await sim.reset();
    expect(await sim.handset(NUMBER)).toEqual([]);
  });
});
