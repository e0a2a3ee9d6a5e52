import { describe, expect, it } from 'vitest';
import { callRecords, callTrace, type CallTrace } from '../../sim/callTrace.ts';
import { replayTrial, TRIAL_PREDICATES } from '../../sim/replay.ts';
import { DTMF_1_BOX } from '../../sim/testing/dtmfOneBox.ts';
import { compiledWith } from '../../sim/testing/scenarioWith.ts';
import { STRATEGY_IDS } from '../../scenario/index.ts';
import {
  fitPxPerSecond,
  LEFT_PAD,
  placeLaneLabels,
  rightPad,
  textWidth,
  xAt,
  type PlacedLabel,
} from './laneLayout.ts';
import { laneModel, type LaneItem } from './laneModel.ts';

const compiled = compiledWith(DTMF_1_BOX);

/** Every call of the first ten trials of each flow and kind: attacks intercepted and not. */
const TRACES: { name: string; trace: CallTrace }[] = STRATEGY_IDS.flatMap((strategy) =>
  (['attack', 'legit'] as const).flatMap((kind) =>
    Array.from({ length: 10 }, (_, trial) => replayTrial(compiled, strategy, kind, trial)).flatMap(
      (replay) =>
        callRecords(replay).map((_, call) => ({
          name: `${strategy} ${kind} trial ${replay.trialIndex} call ${call + 1}`,
          trace: callTrace(replay, call),
        })),
    ),
  ),
);

const itemRange = (item: LaneItem) =>
  item.kind === 'span' ? [item.startMs, item.endMs] : [item.atMs, item.atMs];
const leftOf = (p: PlacedLabel) => (p.anchor === 'start' ? p.x : p.x - p.width);

describe('swim-lane layout', () => {
  it('has intercepted attacks among the traces it checks, whose attacker types the code last', () => {
    const intercepted = TRACES.filter((t) => t.trace.submission?.by === 'attacker');
    expect(intercepted.length).toBeGreaterThan(0);
    expect(TRIAL_PREDICATES.intercepted).toBeTypeOf('function');
    for (const { trace } of intercepted) expect(trace.spanMs).toBe(trace.submission!.atMs);
  });

  for (const [width, labelPx] of [
    [1000, 12],
    [1040, 18],
    [360, 12],
  ] as const) {
    describe(`auto zoom at ${width} px with ${labelPx} px labels`, () => {
      it("fits every block of every lane, the attacker's included, in the visible width", () => {
        for (const { name, trace } of TRACES) {
          const pxPerSecond = fitPxPerSecond(trace.spanMs, width, labelPx);
          expect(xAt(trace.spanMs, pxPerSecond), name).toBeCloseTo(width - rightPad(labelPx), 6);
          const end = width - rightPad(labelPx) + 1e-9;
          for (const lane of laneModel(trace))
            for (const item of lane.items)
              for (const ms of itemRange(item)) {
                expect(xAt(ms, pxPerSecond), `${name} ${lane.id}`).toBeGreaterThanOrEqual(LEFT_PAD);
                expect(xAt(ms, pxPerSecond), `${name} ${lane.id}`).toBeLessThanOrEqual(end);
              }
        }
      });

      it('labels every block in words, cut short, or by an icon, no two labels overlapping', () => {
        for (const { name, trace } of TRACES) {
          const pxPerSecond = fitPxPerSecond(trace.spanMs, width, labelPx);
          for (const lane of laneModel(trace)) {
            const labels = placeLaneLabels(lane.items, { pxPerSecond, width, labelPx });
            const named = labels.flatMap((l) => l.items).sort((a, b) => a - b);
            expect(named, `${name} ${lane.id}`).toEqual(lane.items.map((_, i) => i));
            const sorted = [...labels].sort((a, b) => leftOf(a) - leftOf(b));
            for (let i = 0; i < sorted.length; i++) {
              const label = sorted[i]!;
              expect(label.text.length, `${name} ${lane.id}`).toBeGreaterThan(0);
              expect(leftOf(label), `${name} ${lane.id} "${label.text}"`).toBeGreaterThanOrEqual(0);
              expect(leftOf(label) + label.width, `${name} ${lane.id}`).toBeLessThanOrEqual(width);
              const next = sorted[i + 1];
              if (next)
                expect(
                  leftOf(label) + label.width,
                  `${name} ${lane.id}: "${label.text}" overlaps "${next.text}"`,
                ).toBeLessThanOrEqual(leftOf(next));
            }
          }
        }
      });
    });
  }

  it("says the attacker's typed code in words at Auto zoom, on screen and in presenter mode", () => {
    for (const [width, labelPx] of [
      [1000, 12],
      [1040, 18],
    ] as const) {
      for (const { name, trace } of TRACES.filter((t) => t.trace.submission?.by === 'attacker')) {
        const pxPerSecond = fitPxPerSecond(trace.spanMs, width, labelPx);
        const attacker = laneModel(trace).find((l) => l.id === 'attacker')!;
        const labels = placeLaneLabels(attacker.items, { pxPerSecond, width, labelPx });
        const typed = attacker.items.findIndex((item) => item.data?.submission === 'attacker');
        const label = labels.find((l) => l.items.includes(typed))!;
        expect(label.text, name).toMatch(/^✓ types \d{6}: accepted$/);
      }
    }
  });

  it('prints a block whole when it fits, else its short label, else that cut short, else an icon', () => {
    const span = (endMs: number): LaneItem => ({
      kind: 'span',
      startMs: 0,
      endMs,
      label: 'answered by voicemail',
      shortLabel: 'voicemail',
      title: 'answered by voicemail, 0 to x s',
      style: 'connected',
    });
    // 10 px per second, 10 px labels: a character is 6 px wide, 3 px of room on each side.
    // The chart ends where the block does.
    const text = (endMs: number) =>
      placeLaneLabels([span(endMs)], {
        pxPerSecond: 10,
        width: LEFT_PAD + endMs / 100,
        labelPx: 10,
      })[0]!;
    expect(textWidth('answered by voicemail', 10)).toBe(126);
    expect(text(13_200).text).toBe('answered by voicemail');
    expect(text(13_100).text).toBe('voicemail');
    expect(text(5_000).text).toBe('voicem…');
    expect(text(2_000)).toMatchObject({ text: '☎', iconic: true });
  });

  it('gives tones too close to label one by one a shared label of their digits', () => {
    const tones: LaneItem[] = [...'123456'].map((digit, i) => ({
      kind: 'span',
      startMs: i * 200,
      endMs: i * 200 + 100,
      label: digit,
      title: `tone ${digit}`,
      style: 'dtmf',
    }));
    const labels = placeLaneLabels(tones, { pxPerSecond: 10, width: 1000, labelPx: 12 });
    expect(labels).toHaveLength(1);
    expect(labels[0]).toMatchObject({ text: '123456', items: [0, 1, 2, 3, 4, 5], iconic: true });
    expect(labels[0]!.title).toBe('tone 1; tone 2; tone 3; tone 4; tone 5; tone 6');
  });
});
