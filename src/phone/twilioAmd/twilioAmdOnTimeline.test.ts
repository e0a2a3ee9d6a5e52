import { describe, expect, it } from 'vitest';
import type { VoiceSpan } from '../greetingTimeline.ts';
import { twilioAmdOnTimeline, type TwilioAmdResult } from './twilioAmdOnTimeline.ts';
import {
  TWILIO_AMD_DEFAULTS,
  TWILIO_AMD_RANGES,
  assertTwilioAmdSettings,
  twilioAmdSettings,
  type TwilioAmdMode,
  type TwilioAmdTimingName,
} from './twilioAmdSettings.ts';

const span = (startMs: number, endMs: number): VoiceSpan => ({ startMs, endMs });

/** AMD with Twilio's defaults (30 s, 2400, 1200, 5000) unless overridden. */
function amd(
  mode: TwilioAmdMode,
  voiced: VoiceSpan[],
  beep: VoiceSpan | null = null,
  overrides: Partial<Record<TwilioAmdTimingName, number>> = {},
): TwilioAmdResult {
  return twilioAmdOnTimeline({ voiced, beep }, twilioAmdSettings(mode, overrides));
}

const MIN = {
  timeoutMs: 3000,
  speechThresholdMs: 1000,
  speechEndThresholdMs: 500,
  silenceTimeoutMs: 2000,
};
const MAX = {
  timeoutMs: 59_000,
  speechThresholdMs: 6000,
  speechEndThresholdMs: 5000,
  silenceTimeoutMs: 10_000,
};

describe('Twilio AMD settings', () => {
  it("has Twilio's defaults and ranges", () => {
    expect(TWILIO_AMD_DEFAULTS).toEqual({
      timeoutMs: 30_000,
      speechThresholdMs: 2400,
      speechEndThresholdMs: 1200,
      silenceTimeoutMs: 5000,
    });
    expect(TWILIO_AMD_RANGES).toEqual({
      timeoutMs: { minMs: MIN.timeoutMs, maxMs: MAX.timeoutMs },
      speechThresholdMs: { minMs: MIN.speechThresholdMs, maxMs: MAX.speechThresholdMs },
      speechEndThresholdMs: { minMs: MIN.speechEndThresholdMs, maxMs: MAX.speechEndThresholdMs },
      silenceTimeoutMs: { minMs: MIN.silenceTimeoutMs, maxMs: MAX.silenceTimeoutMs },
    });
  });

  it('accepts every setting at both ends of its range', () => {
    expect(() => assertTwilioAmdSettings(twilioAmdSettings('Enable', MIN))).not.toThrow();
    expect(() => assertTwilioAmdSettings(twilioAmdSettings('DetectMessageEnd', MAX))).not.toThrow();
  });

  it.each([
    ['timeoutMs', 2999, /timeoutMs is 2999; expected a whole number of ms from 3000 to 59000/],
    ['timeoutMs', 59_001, /timeoutMs is 59001; expected .* from 3000 to 59000 \(default 30000\)/],
    ['speechThresholdMs', 999, /speechThresholdMs is 999; expected .* from 1000 to 6000/],
    ['speechThresholdMs', 6001, /speechThresholdMs is 6001/],
    ['speechEndThresholdMs', 499, /speechEndThresholdMs is 499; expected .* from 500 to 5000/],
    ['speechEndThresholdMs', 5001, /speechEndThresholdMs is 5001/],
    ['silenceTimeoutMs', 1999, /silenceTimeoutMs is 1999; expected .* from 2000 to 10000/],
    ['silenceTimeoutMs', 10_001, /silenceTimeoutMs is 10001/],
    ['speechThresholdMs', 2400.5, /speechThresholdMs is 2400.5; expected a whole number of ms/],
    ['timeoutMs', Number.NaN, /timeoutMs is NaN/],
  ] as const)('rejects %s = %d', (name, value, message) => {
    expect(() => amd('Enable', [], null, { [name]: value })).toThrow(message);
  });

  it('rejects a mode Twilio does not have', () => {
    const settings = { ...twilioAmdSettings('Enable'), mode: 'Disable' as TwilioAmdMode };
    expect(() => twilioAmdOnTimeline({ voiced: [], beep: null }, settings)).toThrow(
      /mode is "Disable"; expected "Enable" or "DetectMessageEnd"/,
    );
  });
});

describe('Twilio AMD: a person', () => {
  it('hears a 0.8 s "Hello?" then silence as a human at 0.8 + 1.2 = 2.0 s, in both modes', () => {
    expect(amd('Enable', [span(0, 800)])).toEqual({ answeredBy: 'human', decisionMs: 2000 });
    expect(amd('DetectMessageEnd', [span(0, 800)])).toEqual({
      answeredBy: 'human',
      decisionMs: 2000,
    });
  });

  it('counts the activity from its own start, after some initial silence', () => {
    expect(amd('Enable', [span(1500, 2100)])).toEqual({ answeredBy: 'human', decisionMs: 3300 });
  });

  it('decides on the first activity: "Hello", 2 s of silence, "Hello?" is a human at 0.6 + 1.2 s', () => {
    expect(amd('Enable', [span(0, 600), span(2600, 3200)])).toEqual({
      answeredBy: 'human',
      decisionMs: 1800,
    });
  });
});

describe('Twilio AMD: a machine with Enable', () => {
  it('hears a 5 s greeting as machine_start at 2.4 s', () => {
    expect(amd('Enable', [span(0, 5000)])).toEqual({
      answeredBy: 'machine_start',
      decisionMs: 2400,
      machineDetectedMs: 2400,
    });
  });

  it('joins a greeting with pauses shorter than 1.2 s into one activity', () => {
    expect(amd('Enable', [span(0, 1000), span(2000, 3000), span(4000, 5000)])).toEqual({
      answeredBy: 'machine_start',
      decisionMs: 2400,
      machineDetectedMs: 2400,
    });
  });

  it('detects at the next sound when start + threshold falls in a short pause', () => {
    expect(amd('Enable', [span(0, 2000), span(3000, 4000)]).decisionMs).toBe(3000);
  });

  it('takes voiced spans that touch as one stretch of speech', () => {
    expect(amd('Enable', [span(0, 1500), span(1500, 3000)]).decisionMs).toBe(2400);
  });
});

describe('Twilio AMD: thresholds at ±1 ms', () => {
  it('hears speech of exactly the threshold as a human, 1 ms longer as a machine', () => {
    expect(amd('Enable', [span(300, 2700)])).toEqual({ answeredBy: 'human', decisionMs: 3900 });
    expect(amd('Enable', [span(300, 2701)])).toEqual({
      answeredBy: 'machine_start',
      decisionMs: 2700,
      machineDetectedMs: 2700,
    });
  });

  it('joins speech across a pause 1 ms shorter than the end threshold, not across one that long', () => {
    expect(amd('Enable', [span(0, 800), span(1999, 2500)]).answeredBy).toBe('machine_start');
    expect(amd('Enable', [span(0, 800), span(1999, 2500)]).decisionMs).toBe(2400);
    expect(amd('Enable', [span(0, 800), span(2000, 2500)])).toEqual({
      answeredBy: 'human',
      decisionMs: 2000,
    });
  });

  it('gives unknown when nothing is heard for the silence timeout, sound 1 ms earlier counts', () => {
    expect(amd('Enable', [span(4999, 9999)])).toEqual({
      answeredBy: 'machine_start',
      decisionMs: 7399,
      machineDetectedMs: 7399,
    });
    expect(amd('Enable', [span(5000, 9999)])).toEqual({ answeredBy: 'unknown', decisionMs: 5000 });
  });

  it('lets a verdict due exactly at the timeout stand, and not one 1 ms later', () => {
    const timeout = { timeoutMs: 3000 };
    expect(amd('Enable', [span(600, 9000)], null, timeout).answeredBy).toBe('machine_start');
    expect(amd('Enable', [span(601, 9000)], null, timeout)).toEqual({
      answeredBy: 'unknown',
      decisionMs: 3000,
    });
    expect(amd('Enable', [span(1000, 1800)], null, timeout)).toEqual({
      answeredBy: 'human',
      decisionMs: 3000,
    });
    expect(amd('Enable', [span(1001, 1801)], null, timeout)).toEqual({
      answeredBy: 'unknown',
      decisionMs: 3000,
    });
  });
});

describe('Twilio AMD: silence', () => {
  it('gives unknown at 5 s after 6 s of initial silence', () => {
    expect(amd('Enable', [span(6000, 7000)])).toEqual({ answeredBy: 'unknown', decisionMs: 5000 });
    expect(amd('DetectMessageEnd', [])).toEqual({ answeredBy: 'unknown', decisionMs: 5000 });
  });

  it('gives unknown at the timeout when that comes before the silence timeout', () => {
    expect(amd('Enable', [], null, { timeoutMs: 3000, silenceTimeoutMs: 10_000 })).toEqual({
      answeredBy: 'unknown',
      decisionMs: 3000,
    });
  });

  it('ignores empty spans', () => {
    expect(amd('Enable', [span(100, 100)])).toEqual({ answeredBy: 'unknown', decisionMs: 5000 });
  });
});

describe('Twilio AMD: DetectMessageEnd on a machine', () => {
  it('waits for the beep: machine_end_beep at its end', () => {
    expect(amd('DetectMessageEnd', [span(0, 5000)], span(5500, 6000))).toEqual({
      answeredBy: 'machine_end_beep',
      decisionMs: 6000,
      machineDetectedMs: 2400,
    });
  });

  it('hears the beep as a tone when the voiced spans include it', () => {
    expect(amd('DetectMessageEnd', [span(0, 5500)], span(5000, 5500))).toEqual({
      answeredBy: 'machine_end_beep',
      decisionMs: 5500,
      machineDetectedMs: 2400,
    });
  });

  it('ends with silence when the greeting is followed by speechEndThreshold of silence before the beep', () => {
    expect(amd('DetectMessageEnd', [span(0, 5000)], span(6200, 6700))).toEqual({
      answeredBy: 'machine_end_silence',
      decisionMs: 6200,
      machineDetectedMs: 2400,
    });
    expect(amd('DetectMessageEnd', [span(0, 5000)], span(6199, 6699))).toEqual({
      answeredBy: 'machine_end_beep',
      decisionMs: 6699,
      machineDetectedMs: 2400,
    });
    expect(amd('DetectMessageEnd', [span(0, 5000)])).toEqual({
      answeredBy: 'machine_end_silence',
      decisionMs: 6200,
      machineDetectedMs: 2400,
    });
  });

  it('follows the greeting through pauses shorter than speechEndThreshold', () => {
    expect(amd('DetectMessageEnd', [span(0, 3000), span(4000, 6000), span(7000, 8000)])).toEqual({
      answeredBy: 'machine_end_silence',
      decisionMs: 9200,
      machineDetectedMs: 2400,
    });
  });

  it('gives machine_end_other at the timeout when the greeting outlasts it', () => {
    expect(amd('DetectMessageEnd', [span(0, 20_000)], null, { timeoutMs: 10_000 })).toEqual({
      answeredBy: 'machine_end_other',
      decisionMs: 10_000,
      machineDetectedMs: 2400,
    });
  });
});

describe('Twilio AMD: the beep', () => {
  it('hears a beep with no greeting as a machine at the beep’s end', () => {
    expect(amd('Enable', [], span(1000, 1500))).toEqual({
      answeredBy: 'machine_start',
      decisionMs: 1500,
      machineDetectedMs: 1500,
    });
    expect(amd('DetectMessageEnd', [], span(1000, 1500))).toEqual({
      answeredBy: 'machine_end_beep',
      decisionMs: 1500,
      machineDetectedMs: 1500,
    });
  });

  it('lets a beep inside the silence after a short greeting decide, unless it starts as the human verdict is due', () => {
    expect(amd('Enable', [span(0, 800)], span(1500, 2000))).toEqual({
      answeredBy: 'machine_start',
      decisionMs: 2000,
      machineDetectedMs: 2000,
    });
    expect(amd('DetectMessageEnd', [span(0, 800)], span(1999, 2499)).answeredBy).toBe(
      'machine_end_beep',
    );
    expect(amd('DetectMessageEnd', [span(0, 800)], span(2000, 2500))).toEqual({
      answeredBy: 'human',
      decisionMs: 2000,
    });
  });

  it('detects a machine at a beep that ends before the speech threshold is reached', () => {
    expect(amd('Enable', [span(1000, 9000)], span(0, 500)).decisionMs).toBe(500);
  });

  it('gives unknown when the beep starts only after the silence timeout', () => {
    expect(amd('DetectMessageEnd', [], span(5000, 5500))).toEqual({
      answeredBy: 'unknown',
      decisionMs: 5000,
    });
  });

  it('takes an empty beep for none', () => {
    expect(amd('DetectMessageEnd', [span(0, 5000)], span(5500, 5500)).answeredBy).toBe(
      'machine_end_silence',
    );
  });
});

describe('Twilio AMD: every setting at its range end', () => {
  it('at the minimums (3 s, 1000, 500, 2000)', () => {
    expect(amd('Enable', [span(0, 1000)], null, MIN)).toEqual({
      answeredBy: 'human',
      decisionMs: 1500,
    });
    expect(amd('Enable', [span(0, 1001)], null, MIN)).toEqual({
      answeredBy: 'machine_start',
      decisionMs: 1000,
      machineDetectedMs: 1000,
    });
    expect(amd('Enable', [span(0, 400), span(899, 1500)], null, MIN).decisionMs).toBe(1000);
    expect(amd('Enable', [span(2000, 3000)], null, MIN)).toEqual({
      answeredBy: 'unknown',
      decisionMs: 2000,
    });
    expect(amd('DetectMessageEnd', [span(0, 2500)], null, MIN)).toEqual({
      answeredBy: 'machine_end_silence',
      decisionMs: 3000,
      machineDetectedMs: 1000,
    });
    expect(amd('DetectMessageEnd', [span(0, 2501)], null, MIN)).toEqual({
      answeredBy: 'machine_end_other',
      decisionMs: 3000,
      machineDetectedMs: 1000,
    });
  });

  it('at the maximums (59 s, 6000, 5000, 10000)', () => {
    expect(amd('Enable', [span(0, 6000)], null, MAX)).toEqual({
      answeredBy: 'human',
      decisionMs: 11_000,
    });
    expect(amd('Enable', [span(9999, 16_000)], null, MAX)).toEqual({
      answeredBy: 'machine_start',
      decisionMs: 15_999,
      machineDetectedMs: 15_999,
    });
    expect(amd('Enable', [span(0, 3000), span(7999, 9000)], null, MAX).decisionMs).toBe(7999);
    expect(amd('Enable', [span(10_000, 20_000)], null, MAX)).toEqual({
      answeredBy: 'unknown',
      decisionMs: 10_000,
    });
    expect(amd('DetectMessageEnd', [span(0, 54_000)], null, MAX)).toEqual({
      answeredBy: 'machine_end_silence',
      decisionMs: 59_000,
      machineDetectedMs: 6000,
    });
    expect(amd('DetectMessageEnd', [span(0, 54_001)], null, MAX)).toEqual({
      answeredBy: 'machine_end_other',
      decisionMs: 59_000,
      machineDetectedMs: 6000,
    });
  });
});

describe('Twilio AMD: input', () => {
  it('rejects spans out of order, overlapping, negative or not finite', () => {
    expect(() => amd('Enable', [span(1000, 2000), span(1500, 2500)])).toThrow(
      /voiced\[1\] starts at 1500 ms, before voiced\[0\] ends at 2000 ms/,
    );
    expect(() => amd('Enable', [span(-1, 100)])).toThrow(
      /voiced\[0\] is \[-1, 100\); expected finite 0 <= startMs <= endMs/,
    );
    expect(() => amd('Enable', [span(200, 100)])).toThrow(/voiced\[0\] is \[200, 100\)/);
    expect(() => amd('Enable', [span(0, Number.POSITIVE_INFINITY)])).toThrow(
      /voiced\[0\] is \[0, Infinity\)/,
    );
  });

  it('rejects a beep that is not a span', () => {
    expect(() => amd('Enable', [], span(500, 400))).toThrow(
      /beep is \[500, 400\); expected finite 0 <= startMs <= endMs/,
    );
  });
});
