import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.ts';
import { detectOnTimeline } from '../phone/amd/index.ts';
import { amdParameters } from '../phone/amd/amdTestParameters.ts';
import { greetingTimeline } from '../phone/greetingTimeline.ts';
import type { SymbolicGreetingSegment as GreetingSegment } from '../phone/greetingTimeline.ts';
import { amdOnPcm } from './amdOnPcm.ts';
import { detectDtmf } from './dtmfDetector.ts';
import { renderTimeline } from './renderTimeline.ts';

const SEEDS = [11, 12, 13];

describe('renderTimeline', () => {
  it('renders the greeting and the beep at 8 kHz', () => {
    const timeline = greetingTimeline([{ speech: 1 }, { silence: 0.5 }]);
    expect(renderTimeline(timeline, { rng: createRng(1), beepMs: 400 })).toHaveLength(
      (1500 + 400) * 8,
    );
  });

  it("lets the DTMF detector find exactly the greeting's tones, over speech and the beep", () => {
    const greeting: GreetingSegment[] = [
      { speech: 1.2 },
      { silence: 0.3 },
      { dtmf: '0123456789*#', toneMs: 60, gapMs: 60, repeat: 1 },
      { speech: 0.8 },
      { dtmf: '1', toneMs: 120, gapMs: 80, repeat: 3 },
      { silence: 0.2 },
    ];
    const timeline = greetingTimeline(greeting);
    for (const seed of SEEDS) {
      for (const snrDb of [40, 20]) {
        const found = detectDtmf(renderTimeline(timeline, { rng: createRng(seed), snrDb }));
        expect(
          found.map((press) => press.digit),
          `seed ${seed}, ${snrDb} dB`,
        ).toEqual(timeline.tones.map((tone) => tone.digit));
        found.forEach((press, i) => {
          expect(Math.abs(press.startMs - timeline.tones[i]!.startMs)).toBeLessThanOrEqual(30);
        });
      }
    }
  });

  const greetings: Array<[string, GreetingSegment[], string]> = [
    ['Hello-then-silence', [{ speech: 0.6 }, { silence: 2 }], 'HUMAN'],
    ['long speech', [{ speech: 4 }, { silence: 1 }], 'MACHINE'],
    ['DTMF 1 ×10', [{ dtmf: '1', toneMs: 120, gapMs: 80, repeat: 10 }], 'MACHINE'],
    [
      'two words then silence',
      [{ speech: 0.4 }, { silence: 0.3 }, { speech: 0.5 }, { silence: 2 }],
      'HUMAN',
    ],
  ];
  for (const [name, greeting, verdict] of greetings) {
    it(`gives app_amd the event level's verdict on a ${name} greeting (${verdict})`, () => {
      const timeline = greetingTimeline(greeting);
      const eventLevel = detectOnTimeline(timeline.voiced, amdParameters());
      expect(eventLevel.verdict).toBe(verdict);
      for (const seed of SEEDS) {
        const signal = amdOnPcm(
          renderTimeline(timeline, { rng: createRng(seed) }),
          amdParameters(),
        );
        expect(signal.verdict, `seed ${seed}`).toBe(eventLevel.verdict);
        expect(signal.cause, `seed ${seed}`).toBe(eventLevel.cause);
        expect(Math.abs(signal.decisionMs - eventLevel.decisionMs)).toBeLessThanOrEqual(20);
      }
    });
  }
});
