import { describe, expect, it } from 'vitest';
import { VerifyError } from './verifyError.ts';
import { DEFAULT_SETTINGS, VerifyService } from './verifyService.ts';

const TO = '+15005550100';

function newService(model: VerifyService) {
  return model.createService('ACx', { ...DEFAULT_SETTINGS, friendlyName: 'Bank' });
}

function smsCode(model: VerifyService): string {
  const body = model.network.messages(TO).at(-1)!.body;
  return /(\d{4,10})$/.exec(body)![1]!;
}

describe('VerifyService', () => {
  it('gives sids with the right prefix and 32 hex digits, the same for the same seed', () => {
    const a = new VerifyService({ seed: 3 });
    const b = new VerifyService({ seed: 3 });
    const sid = newService(a).sid;
    expect(sid).toMatch(/^VA[0-9a-f]{32}$/);
    expect(newService(b).sid).toBe(sid);
  });

  it('approves the code sent, once', () => {
    const model = new VerifyService();
    const service = newService(model);
    const started = model.startVerification(service.sid, TO, 'sms');
    expect(started.sid).toMatch(/^VE[0-9a-f]{32}$/);
    expect(model.check(service.sid, { to: TO }, smsCode(model)).status).toBe('approved');
    expect(() => model.check(service.sid, { to: TO }, smsCode(model))).toThrow(
      expect.objectContaining({ status: 404, code: 20404 }),
    );
  });

  it('expires codes after 10 minutes', () => {
    const model = new VerifyService();
    const service = newService(model);
    model.startVerification(service.sid, TO, 'sms');
    model.clock.advance(600_000);
    expect(() => model.check(service.sid, { to: TO }, smsCode(model))).toThrow(
      expect.objectContaining({ code: 20404 }),
    );
  });

  it('locks after 5 wrong checks with 60202, changing nothing', () => {
    const model = new VerifyService();
    const service = newService(model);
    model.startVerification(service.sid, TO, 'sms');
    const wrong = smsCode(model) === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++)
      expect(model.check(service.sid, { to: TO }, wrong).status).toBe('pending');
    expect(model.check(service.sid, { to: TO }, wrong).status).toBe('max_attempts_reached');
    const refused = (): unknown => model.check(service.sid, { to: TO }, smsCode(model));
    expect(refused).toThrow(expect.objectContaining({ status: 429, code: 60202 }));
    expect(refused).toThrow(VerifyError);
  });

  it('refuses a 6th send to one number within 10 minutes with 60203', () => {
    const model = new VerifyService();
    const service = newService(model);
    for (let i = 0; i < 5; i++) model.startVerification(service.sid, TO, 'sms');
    expect(() => model.startVerification(service.sid, TO, 'sms')).toThrow(
      expect.objectContaining({ status: 429, code: 60203 }),
    );
    expect(model.network.messages(TO)).toHaveLength(5);
    model.clock.advance(600_000);
    expect(model.startVerification(service.sid, TO, 'sms').status).toBe('pending');
  });

  it('resends the open verification to the same number with the same code', () => {
    const model = new VerifyService();
    const service = newService(model);
    const first = model.startVerification(service.sid, TO, 'sms');
    const firstCode = smsCode(model);
    const second = model.startVerification(service.sid, TO, 'sms');
    expect(second.sid).toBe(first.sid);
    expect(second.sendCodeAttempts).toHaveLength(2);
    expect(smsCode(model)).toBe(firstCode);
  });

  it('calls with random-digit when DtmfInputRequired, else naive, unless the simulator overrides it', () => {
    const model = new VerifyService();
    const plain = newService(model);
    const dtmf = model.createService('ACx', {
      ...DEFAULT_SETTINGS,
      friendlyName: 'B',
      dtmfInputRequired: true,
    });
    expect(model.strategyOf(plain)).toBe('naive');
    expect(model.strategyOf(dtmf)).toBe('random-digit');
    expect(model.strategyOf(model.setStrategy(plain.sid, { strategy: 'static-prompt' }))).toBe(
      'static-prompt',
    );
    expect(() => model.setStrategy(plain.sid, { strategy: 'amd2' })).toThrow(
      expect.objectContaining({ code: 60200 }),
    );
  });

  it('runs the flow the control plane picks for a DtmfInputRequired call, random-digit by default', () => {
    const model = new VerifyService();
    const dtmf = model.createService('ACx', {
      ...DEFAULT_SETTINGS,
      friendlyName: 'B',
      dtmfInputRequired: true,
    });
    expect(model.strategyOf(model.setStrategy(dtmf.sid, { dtmfStrategy: 'static-prompt' }))).toBe(
      'static-prompt',
    );
    // The choice is the service's: once it stops asking for a key, calls go naive.
    model.updateService('ACx', dtmf.sid, { dtmfInputRequired: false });
    expect(model.strategyOf(model.service(dtmf.sid))).toBe('naive');
  });

  it('records nothing of a send whose delivery fails', () => {
    const model = new VerifyService();
    const service = newService(model);
    const before = JSON.stringify(model.snapshot());
    model.network.placeVerificationCall = () => {
      throw new Error('the network is down');
    };
    expect(() => model.startVerification(service.sid, TO, 'call')).toThrow('the network is down');
    expect(JSON.stringify(model.snapshot())).toBe(before);
  });

  it("keeps each account's services to itself", () => {
    const model = new VerifyService();
    const service = newService(model);
    expect(model.serviceOf('ACx', service.sid)).toBe(service);
    expect(model.servicesOf('ACother')).toEqual([]);
    expect(() => model.serviceOf('ACother', service.sid)).toThrow(
      expect.objectContaining({ status: 404, code: 20404 }),
    );
  });
});

describe('the clock', () => {
  it('follows the real time source in real mode, keeps any lead, and never goes back', () => {
    let machine = 1_800_000_000_000;
    const model = new VerifyService({ realNow: () => machine });
    expect(model.clock.nowMs).toBe(1_767_225_600_000);
    model.clock.setMode('real');
    expect(model.clock.nowMs).toBe(1_800_000_000_000);
    machine += 5_000;
    model.clock.advance(1_000);
    expect(model.clock.nowMs).toBe(1_800_000_006_000);
    model.clock.setMode('simulated');
    machine += 60_000;
    expect(model.clock.nowMs).toBe(1_800_000_006_000);
    machine = 1_700_000_000_000; // the machine's clock set back: the simulator's is not
    model.clock.setMode('real');
    expect(model.clock.nowMs).toBe(1_800_000_006_000);
  });

  it('refuses real mode without a real time source', () => {
    expect(() => new VerifyService().clock.setMode('real')).toThrow(RangeError);
  });
});

describe('CustomCode', () => {
  it("delivers and checks the app's own code on a service with CustomCodeEnabled", () => {
    const model = new VerifyService();
    const service = model.createService('ACx', {
      ...DEFAULT_SETTINGS,
      friendlyName: 'Bank',
      customCodeEnabled: true,
    });
    model.startVerification(service.sid, TO, 'sms', { customCode: '4242' });
    expect(model.network.messages(TO)[0]!.body).toBe('Your Bank verification code is: 4242');
    expect(model.check(service.sid, { to: TO }, '4242').status).toBe('approved');
  });
});
