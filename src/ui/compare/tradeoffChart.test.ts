import { describe, expect, it } from 'vitest';
import { labelOffsets, type PlotFrame } from './tradeoffChart.ts';

const FRAME: PlotFrame = {
  width: 800,
  height: 420,
  marginLeft: 54,
  marginRight: 96,
  marginTop: 24,
  marginBottom: 44,
};

/** Each label's box as labelOffsets places it (dx = labelPx, glyphs 0.6 em). */
function boxes(
  points: Array<{ strategy: string; x: number; y: number }>,
  domain: [number, number],
  labelPx: number,
) {
  const offsets = labelOffsets(points, domain, FRAME, labelPx);
  const innerWidth = FRAME.width - FRAME.marginLeft - FRAME.marginRight;
  const innerHeight = FRAME.height - FRAME.marginTop - FRAME.marginBottom;
  return points.map((p) => {
    const px = FRAME.marginLeft + ((p.x - domain[0]) / (domain[1] - domain[0])) * innerWidth;
    const py = FRAME.marginTop + (1 - p.y / 100) * innerHeight + offsets.get(p.strategy)!;
    const left = px + labelPx;
    return {
      left,
      right: left + p.strategy.length * 0.6 * labelPx,
      top: py - labelPx / 2,
      bottom: py + labelPx / 2,
    };
  });
}

describe('labelOffsets', () => {
  it('keeps the usual place, above and right of the point, for a label with room', () => {
    const offsets = labelOffsets(
      [{ strategy: 'random-digit', x: 88, y: 9.6 }],
      [87, 91],
      FRAME,
      12,
    );
    expect(offsets.get('random-digit')).toBeCloseTo(-9.6, 10);
  });

  for (const labelPx of [12, 18]) {
    it(`parts the names of strategies that leak alike at ${labelPx} px`, () => {
      // The bundled night attack: three flows at ~98% and within 0.3 points of owner success.
      const points = [
        { strategy: 'naive', x: 89.94, y: 98.22 },
        { strategy: 'static-prompt', x: 89.87, y: 98.06 },
        { strategy: 'amd', x: 89.7, y: 98.06 },
        { strategy: 'random-digit', x: 88.03, y: 9.63 },
      ];
      const placed = boxes(points, [87, 91], labelPx);
      for (let i = 0; i < placed.length; i++) {
        for (let j = i + 1; j < placed.length; j++) {
          const [a, b] = [placed[i]!, placed[j]!];
          const apart =
            a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
          expect(apart, `${points[i]!.strategy} and ${points[j]!.strategy}`).toBe(true);
        }
      }
    });
  }
});
