import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { campaignSchedule, compileScenario } from './compile.ts';
import { scenarioWith } from './testing/scenarioWith.ts';

const TEN_MINUTES_MS = 600_000;

describe('campaignSchedule', () => {
  it('spaces calls retrySeconds apart while the send limit allows', () => {
    expect(campaignSchedule(4, 90_000, 5)).toEqual([0, 90_000, 180_000, 270_000]);
  });

  it('holds the 6th of 8 calls, 90 s apart, until 600 s when at most 5 may go in 10 minutes', () => {
    expect(campaignSchedule(8, 90_000, 5)).toEqual([
      0, 90_000, 180_000, 270_000, 360_000, 600_000, 690_000, 780_000,
    ]);
  });

  it('places one call per 10 minutes when the limit is 1', () => {
    expect(campaignSchedule(3, 0, 1)).toEqual([0, 600_000, 1_200_000]);
  });

  it('never puts more than maxSendsPer10Minutes calls in any 10 minutes, and waits no longer than it must', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 900_000 }),
        fc.integer({ min: 1, max: 10 }),
        (attempts, retryMs, maxSends) => {
          const times = campaignSchedule(attempts, retryMs, maxSends);
          expect(times).toHaveLength(attempts);
          expect(times[0]).toBe(0);
          for (let j = 1; j < attempts; j++) {
            expect(times[j]! - times[j - 1]!).toBeGreaterThanOrEqual(retryMs);
          }
          for (const start of times) {
            const inWindow = times.filter((t) => t >= start && t < start + TEN_MINUTES_MS).length;
            expect(inWindow).toBeLessThanOrEqual(maxSends);
          }
          // Each call goes at the earliest time the retry gap and the limit both allow.
          for (let j = 1; j < attempts; j++) {
            const earliest = Math.max(
              times[j - 1]! + retryMs,
              j >= maxSends ? times[j - maxSends]! + TEN_MINUTES_MS : 0,
            );
            expect(times[j]).toBe(earliest);
          }
        },
      ),
    );
  });
});

describe('compileScenario', () => {
  it('turns the scenario seconds into integer engine milliseconds', () => {
    const compiled = compileScenario(
      scenarioWith({
        service: {
          ringTimeoutSeconds: 45.5,
          promptSeconds: 2.25,
          readoutSeconds: 3.3,
          gatherTimeoutSeconds: 4,
        },
        voicemail: { pickupAfterSeconds: 20, beepSeconds: 0.4, maxRecordSeconds: 90 },
      }),
    );
    expect(compiled).toMatchObject({
      ringTimeoutMs: 45_500,
      promptMs: 2250,
      readoutMs: 3300,
      dtmfDetectMs: 40,
    });
    expect(compiled.voicemail).toMatchObject({
      pickupMs: 20_000,
      beepMs: 400,
      maxRecordMs: 90_000,
    });
    expect(compiled.flowSettings.gatherTimeoutMs).toBe(4000);
  });

  it('gives the flows one prompt and one re-prompt, the readout count and the AMD policies', () => {
    const compiled = compileScenario(
      scenarioWith({
        service: { readoutRepeats: 2 },
        amd: { onMachine: 'leave-code', onNotSure: 'hangup' },
      }),
    );
    expect(compiled.flowSettings).toEqual({
      readoutRepeats: 2,
      gatherTimeoutMs: 5000,
      maxPrompts: 2,
      wrongKeyRetries: 0,
      onMachine: 'leave-code',
      onNotSure: 'hangup',
    });
  });

  it('passes service.wrongKeyRetries to the flows as it is', () => {
    const compiled = compileScenario(scenarioWith({ service: { wrongKeyRetries: 4 } }));
    expect(compiled.flowSettings.wrongKeyRetries).toBe(4);
  });

  it("decides the greeting's AMD verdict once: the carrier's 6 s greeting is a MACHINE", () => {
    expect(compileScenario(scenarioWith()).voicemail.amdVerdict).toEqual({
      verdict: 'MACHINE',
      cause: 'LONGGREETING',
      decisionMs: 1500,
    });
  });

  it('hears a recorded "Hello?" then silence as HUMAN', () => {
    const compiled = compileScenario(
      scenarioWith({
        voicemail: { greeting: [{ silence: 0.3 }, { speech: 0.6 }, { silence: 3 }] },
      }),
    );
    expect(compiled.voicemail.amdVerdict).toEqual({
      verdict: 'HUMAN',
      cause: 'HUMAN',
      decisionMs: 1700,
    });
  });

  it('lets AMD hear the beep after the greeting: 1.2 s of speech, then the 0.5 s beep, is a MACHINE', () => {
    const greeting = [{ silence: 0.3 }, { speech: 1.2 }, { silence: 0.1 }];
    // Beep 1.6-2.1 s: voice passes greetingMs (1500) 300 ms into it.
    expect(compileScenario(scenarioWith({ voicemail: { greeting } })).voicemail.amdVerdict).toEqual(
      { verdict: 'MACHINE', cause: 'LONGGREETING', decisionMs: 1900 },
    );
    // The same greeting without a beep is the HUMAN it used to be taken for.
    expect(
      compileScenario(scenarioWith({ voicemail: { greeting, beepSeconds: 0 } })).voicemail
        .amdVerdict,
    ).toEqual({ verdict: 'HUMAN', cause: 'HUMAN', decisionMs: 2300 });
  });

  it('hears a greeting that runs straight into the beep as one stretch of voice', () => {
    const greeting = [{ speech: 1 }];
    expect(compileScenario(scenarioWith({ voicemail: { greeting } })).voicemail.amdVerdict).toEqual(
      { verdict: 'MACHINE', cause: 'LONGGREETING', decisionMs: 1500 },
    );
    expect(
      compileScenario(scenarioWith({ voicemail: { greeting, beepSeconds: 0 } })).voicemail
        .amdVerdict,
    ).toMatchObject({ verdict: 'HUMAN' });
  });

  it('keeps the greeting timeline itself free of the beep', () => {
    const { greeting } = compileScenario(
      scenarioWith({
        voicemail: { greeting: [{ silence: 0.3 }, { speech: 1.2 }, { silence: 0.1 }] },
      }),
    ).voicemail;
    expect(greeting.voiced).toEqual([{ startMs: 300, endMs: 1500 }]);
    expect(greeting.endMs).toBe(1600);
  });

  it('schedules the campaign from attempts, retrySeconds and maxSendsPer10Minutes', () => {
    const compiled = compileScenario(
      scenarioWith({
        attacker: { attempts: 8, retrySeconds: 90 },
        service: { maxSendsPer10Minutes: 5 },
      }),
    );
    expect(compiled.campaignScheduleMs).toEqual(campaignSchedule(8, 90_000, 5));
    expect(compiled.campaignScheduleMs[5]).toBe(600_000);
  });

  it('keeps the start epoch and its spread in ms', () => {
    const compiled = compileScenario(
      scenarioWith({ startEpochSeconds: 1_000, startSpreadSeconds: 60 }),
    );
    expect(compiled).toMatchObject({ startEpochMs: 1_000_000, startSpreadMs: 60_000 });
  });
});
