import * as Plot from '@observablehq/plot';
import type { StrategyId } from '../../scenario/index.ts';
import type { RunResults } from '../../sim/results.ts';
import type { MarkStyle } from './chartPanels.ts';

/** What the trade-off chart's horizontal axis shows: the owner's success or time to the code. */
export type TradeoffAxis = 'success' | 'time';

export const TRADEOFF_AXES: readonly { readonly id: TradeoffAxis; readonly label: string }[] = [
  { id: 'success', label: 'Owner success' },
  { id: 'time', label: 'Median time to code' },
];

/** One point: a strategy's interception (first call or campaign) against its usability figure. */
export interface TradeoffPoint {
  readonly strategy: StrategyId;
  readonly campaign: boolean;
  /** Percent, or seconds for the time axis; null when no owner got the code. */
  readonly x: number | null;
  readonly xLow: number | null;
  readonly xHigh: number | null;
  /** Percent. */
  readonly y: number;
  readonly yLow: number;
  readonly yHigh: number;
}

/**
 * Two points per strategy: first-call and campaign interception (with their 95% intervals)
 * against owner success (with its interval) or the median seconds to the code (no interval).
 */
export function tradeoffPoints(results: RunResults, axis: TradeoffAxis): TradeoffPoint[] {
  return Object.entries(results.strategies).flatMap(([strategy, r]) => {
    const x =
      axis === 'success'
        ? {
            x: r.legitSuccessRate * 100,
            xLow: r.legitSuccessCi95[0] * 100,
            xHigh: r.legitSuccessCi95[1] * 100,
          }
        : { x: r.legitMedianSecondsToCode, xLow: null, xHigh: null };
    return [
      {
        strategy,
        campaign: false,
        ...x,
        y: r.interceptionRate * 100,
        yLow: r.interceptionCi95[0] * 100,
        yHigh: r.interceptionCi95[1] * 100,
      },
      {
        strategy,
        campaign: true,
        ...x,
        y: r.campaignInterceptionRate * 100,
        yLow: r.campaignInterceptionCi95[0] * 100,
        yHigh: r.campaignInterceptionCi95[1] * 100,
      },
    ];
  });
}

/** The x domain: the points and their intervals with a margin, so close strategies part. */
function xDomain(points: readonly TradeoffPoint[], axis: TradeoffAxis): [number, number] {
  const values = points.flatMap((p) => [p.x, p.xLow, p.xHigh]).filter((v) => v !== null);
  if (values.length === 0) return axis === 'success' ? [0, 100] : [0, 1];
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = Math.max((high - low) * 0.15, axis === 'success' ? 1 : 0.5);
  const ceiling = axis === 'success' ? 100 : Infinity;
  return [Math.max(0, low - pad), Math.min(ceiling, high + pad)];
}

/** Where the plot draws: its size and margins, in px. */
export interface PlotFrame {
  readonly width: number;
  readonly height: number;
  readonly marginLeft: number;
  readonly marginRight: number;
  readonly marginTop: number;
  readonly marginBottom: number;
}

/** A label's box in px. */
interface Box {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/**
 * Each strategy's label offset (dy, px) beside its first-call point, so that no two names
 * overlap: labels are placed from the top of the chart down, each at the first of -0.8, +1.2,
 * -2.0, +2.4, -3.2 … label heights from its point whose box (an average glyph 0.6 em wide) meets
 * no label placed before it. Strategies close in both rates (the flows that leak alike) would
 * otherwise print their names on top of each other.
 */
export function labelOffsets(
  points: readonly Pick<TradeoffPoint, 'strategy' | 'x' | 'y'>[],
  xDomain: readonly [number, number],
  frame: PlotFrame,
  labelPx: number,
): Map<StrategyId, number> {
  const innerWidth = frame.width - frame.marginLeft - frame.marginRight;
  const innerHeight = frame.height - frame.marginTop - frame.marginBottom;
  const span = xDomain[1] - xDomain[0] || 1;
  const placed: Box[] = [];
  const offsets = new Map<StrategyId, number>();
  const located = points
    .filter((p) => p.x !== null)
    .map((p) => ({
      strategy: p.strategy,
      px: frame.marginLeft + ((p.x! - xDomain[0]) / span) * innerWidth,
      py: frame.marginTop + (1 - p.y / 100) * innerHeight,
      width: p.strategy.length * 0.6 * labelPx,
    }))
    .sort((a, b) => a.py - b.py || a.px - b.px);
  const candidates = [-0.8, 1.2, -2, 2.4, -3.2, 3.6, -4.4, 4.8].map((k) => k * labelPx);
  for (const label of located) {
    const boxAt = (dy: number): Box => ({
      left: label.px + labelPx,
      right: label.px + labelPx + label.width,
      top: label.py + dy - labelPx / 2,
      bottom: label.py + dy + labelPx / 2,
    });
    const dy =
      candidates.find((c) => placed.every((box) => !overlaps(box, boxAt(c)))) ?? candidates[0]!;
    placed.push(boxAt(dy));
    offsets.set(label.strategy, dy);
  }
  return offsets;
}

/**
 * Security against usability: per strategy a filled symbol for first-call interception and a
 * hollow one for campaign interception, joined by a dashed line, each with its 95% interval,
 * in the strategy's colour and symbol; the strategy's name beside its first-call point.
 */
export function renderTradeoff(
  results: RunResults,
  axis: TradeoffAxis,
  styles: ReadonlyMap<StrategyId, MarkStyle>,
  width: number,
  labelPx = 12,
): SVGSVGElement | HTMLElement {
  const points = tradeoffPoints(results, axis).filter((p) => p.x !== null);
  const frame: PlotFrame = {
    width,
    height: Math.round(Math.min(420, Math.max(280, width * 0.55)) + labelPx * 2),
    marginLeft: Math.round(labelPx * 4.5),
    marginBottom: Math.round(labelPx * 3.7),
    marginRight: labelPx * 8,
    marginTop: labelPx * 2,
  };
  const domain = xDomain(points, axis);
  const offsets = labelOffsets(
    points.filter((p) => !p.campaign),
    domain,
    frame,
    labelPx,
  );
  const marks: Plot.Markish[] = [];
  for (const [strategy, style] of styles) {
    const own = points.filter((p) => p.strategy === strategy);
    const first = own.filter((p) => !p.campaign);
    const campaign = own.filter((p) => p.campaign);
    const stroke = style.color;
    marks.push(
      Plot.ruleX(own.slice(0, 1), {
        x: 'x',
        y1: () => first[0]?.y,
        y2: () => campaign[0]?.y,
        stroke,
        strokeDasharray: '4 4',
        strokeOpacity: 0.7,
      }),
      Plot.ruleX(own, { x: 'x', y1: 'yLow', y2: 'yHigh', stroke, strokeWidth: 2 }),
      Plot.ruleY(
        own.filter((p) => p.xLow !== null),
        { y: 'y', x1: 'xLow', x2: 'xHigh', stroke, strokeWidth: 2 },
      ),
      Plot.dot(first, { x: 'x', y: 'y', r: labelPx * 0.6, symbol: style.symbol, fill: stroke }),
      Plot.dot(campaign, {
        x: 'x',
        y: 'y',
        r: labelPx * 0.6,
        symbol: style.symbol,
        stroke,
        strokeWidth: 2,
        fill: 'none',
      }),
      Plot.text(first, {
        x: 'x',
        y: 'y',
        text: 'strategy',
        textAnchor: 'start',
        dx: labelPx,
        dy: offsets.get(strategy) ?? -labelPx * 0.8,
        fill: 'currentColor',
      }),
    );
  }
  return Plot.plot({
    ...frame,
    style: { fontSize: 'var(--svg-label)', background: 'transparent', overflow: 'visible' },
    x: {
      domain,
      label: axis === 'success' ? 'Owner success (%) →' : '← Median seconds to code',
      labelAnchor: 'center',
      labelOffset: Math.round(labelPx * 2.7),
      grid: true,
      ticks: Math.max(2, Math.floor(width / (labelPx * 8))),
    },
    y: {
      domain: [0, 100],
      label: '↑ Interception (%)',
      grid: true,
      ticks: 5,
    },
    marks,
  });
}
