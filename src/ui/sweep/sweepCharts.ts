import * as Plot from '@observablehq/plot';
import type { StrategyId } from '../../scenario/index.ts';
import type { MarkStyle } from '../compare/chartPanels.ts';
import type { SweepRow } from './sweepRows.ts';

/** Which figure a panel draws. */
export type Figure = 'security' | 'usability';

/** The size and text of a panel. */
export interface PanelFrame {
  readonly width: number;
  readonly labelPx: number;
  readonly xLabel: string;
  readonly yLabel: string;
}

const value = (row: SweepRow, figure: Figure) => row[figure];
const low = (row: SweepRow, figure: Figure) => row[`${figure}Low`];
const high = (row: SweepRow, figure: Figure) => row[`${figure}High`];

/** A [low, high] domain around the values with a margin, within [floor, ceiling]. */
export function paddedDomain(
  values: readonly (number | null)[],
  floor: number,
  ceiling: number,
): [number, number] {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (finite.length === 0) return [floor, Math.min(ceiling, floor + 1)];
  const lowest = Math.min(...finite);
  const highest = Math.max(...finite);
  const pad = Math.max((highest - lowest) * 0.08, 0.5);
  return [Math.max(floor, lowest - pad), Math.min(ceiling, highest + pad)];
}

/**
 * A dot's render that marks each element with its point and strategy (`data-point`,
 * `data-strategy`), so a click on it opens the point. Plot draws one element per index, in order.
 */
function tagged(rows: readonly SweepRow[]): Plot.RenderFunction {
  return function render(index, scales, values, dimensions, context, next) {
    const group = next!(index, scales, values, dimensions, context);
    const elements = group ? [...group.children] : [];
    elements.forEach((element, i) => {
      const row = rows[index[i]!];
      if (!row) return;
      element.setAttribute('data-point', String(row.point));
      element.setAttribute('data-strategy', row.strategy);
      element.classList.add('clickable');
    });
    return group;
  };
}

/** A figure in words on hover: "62.5", or "none". */
function figureText(n: number | null): string {
  return n === null ? 'none' : n.toFixed(1);
}

function frameOf(frame: PanelFrame, height: number) {
  const px = frame.labelPx;
  return {
    width: frame.width,
    height,
    marginLeft: Math.round(px * 4.5),
    marginRight: Math.round(px * 1.5),
    marginTop: Math.round(px * 1.8),
    marginBottom: Math.round(px * 3.7),
    style: { fontSize: 'var(--svg-label)', background: 'transparent', overflow: 'visible' },
  };
}

/**
 * One figure against the swept value: per strategy its 95% band, its line and a dot per point
 * in its colour and symbol; its own frontier ringed in its colour, the frontier of every
 * strategy ringed again in the text colour.
 */
export function renderCurve(
  rows: readonly SweepRow[],
  figure: Figure,
  styles: ReadonlyMap<StrategyId, MarkStyle>,
  frame: PanelFrame,
  yDomain: [number, number],
): SVGSVGElement | HTMLElement {
  const px = frame.labelPx;
  const placed = rows.filter((r) => value(r, figure) !== null);
  const marks: Plot.Markish[] = [];
  for (const [strategy, style] of styles) {
    const own = placed.filter((r) => r.strategy === strategy);
    const banded = own.filter((r) => low(r, figure) !== null);
    marks.push(
      Plot.areaY(banded, {
        x: 'x',
        y1: (r: SweepRow) => low(r, figure),
        y2: (r: SweepRow) => high(r, figure),
        fill: style.color,
        fillOpacity: 0.18,
      }),
      Plot.lineY(own, { x: 'x', y: figure, stroke: style.color, strokeWidth: 2 }),
      Plot.dot(own, {
        x: 'x',
        y: figure,
        r: px * 0.45,
        symbol: style.symbol,
        fill: style.color,
        title: (r: SweepRow) =>
          `${r.strategy} at ${frame.xLabel} = ${r.x}: ${frame.yLabel} ${figureText(value(r, figure))}`,
        render: tagged(own),
      }),
      Plot.dot(
        own.filter((r) => r.onOwnFrontier),
        { x: 'x', y: figure, r: px * 0.8, stroke: style.color, strokeWidth: 1.5 },
      ),
    );
  }
  marks.push(
    Plot.dot(
      placed.filter((r) => r.onOverallFrontier),
      { x: 'x', y: figure, r: px * 1.1, stroke: 'currentColor', strokeWidth: 1.5 },
    ),
  );
  return Plot.plot({
    ...frameOf(frame, Math.round(Math.max(240, px * 20))),
    x: {
      label: frame.xLabel,
      labelAnchor: 'center',
      labelArrow: 'none',
      labelOffset: Math.round(px * 2.7),
      grid: true,
      ticks: Math.max(2, Math.floor(frame.width / (px * 7))),
    },
    y: {
      label: frame.yLabel,
      domain: yDomain,
      nice: true,
      labelArrow: 'none',
      grid: true,
      ticks: 5,
    },
    marks,
  });
}

/**
 * A heat map of one figure of one strategy over the two swept values: each cell coloured by the
 * figure (`scheme`, the same domain for every strategy so the maps compare), the strategy's
 * frontier outlined in the text colour. Its colour legend is `.legend('color')` of the result.
 */
export function renderHeatMap(
  rows: readonly SweepRow[],
  figure: Figure,
  frame: PanelFrame & { readonly yAxisLabel: string },
  axes: { readonly xs: readonly number[]; readonly ys: readonly number[] },
  color: { readonly scheme: 'reds' | 'blues' | 'purples'; readonly domain: [number, number] },
): SVGSVGElement | HTMLElement {
  const px = frame.labelPx;
  const placed = rows.filter((r) => value(r, figure) !== null);
  const height = Math.round(Math.min(frame.width, px * 3 + axes.ys.length * px * 2.2 + px * 5));
  return Plot.plot({
    ...frameOf(frame, Math.max(height, px * 14)),
    marginLeft: Math.round(px * 5),
    x: {
      type: 'band',
      domain: [...axes.xs],
      label: frame.xLabel,
      labelAnchor: 'center',
      labelOffset: Math.round(px * 2.7),
    },
    y: { type: 'band', domain: [...axes.ys].reverse(), label: frame.yAxisLabel },
    color: { type: 'linear', scheme: color.scheme, domain: color.domain, label: frame.yLabel },
    marks: [
      Plot.cell(placed, {
        x: 'x',
        y: 'y',
        fill: figure,
        inset: 0.5,
        title: (r: SweepRow) =>
          `${r.strategy} at ${frame.xLabel} = ${r.x}, ${frame.yAxisLabel} = ${r.y}: ${frame.yLabel} ${figureText(value(r, figure))}`,
        render: tagged(placed),
      }),
      Plot.cell(
        placed.filter((r) => r.onOwnFrontier),
        {
          x: 'x',
          y: 'y',
          stroke: 'currentColor',
          strokeWidth: Math.max(2, px / 5),
          fill: 'none',
          inset: 2,
        },
      ),
    ],
  });
}

/**
 * The trade-off plane: every (point, strategy) as a faint dot (usability across, security up),
 * each strategy's frontier as a staircase in its colour with its dots solid, the frontier of
 * every strategy ringed in the text colour.
 */
export function renderFrontier(
  rows: readonly SweepRow[],
  styles: ReadonlyMap<StrategyId, MarkStyle>,
  frame: PanelFrame & { readonly lowerIsBetter: boolean; readonly xCeiling: number },
): SVGSVGElement | HTMLElement {
  const px = frame.labelPx;
  const placed = rows.filter((r) => r.usability !== null);
  const marks: Plot.Markish[] = [];
  for (const [strategy, style] of styles) {
    const own = placed.filter((r) => r.strategy === strategy);
    const front = own.filter((r) => r.onOwnFrontier).sort((a, b) => a.usability! - b.usability!);
    marks.push(
      Plot.dot(own, {
        x: 'usability',
        y: 'security',
        r: px * 0.35,
        symbol: style.symbol,
        fill: style.color,
        fillOpacity: 0.35,
      }),
      Plot.line(front, {
        x: 'usability',
        y: 'security',
        stroke: style.color,
        strokeWidth: 2,
        curve: frame.lowerIsBetter ? 'step-after' : 'step-before',
      }),
      Plot.dot(front, {
        x: 'usability',
        y: 'security',
        r: px * 0.5,
        symbol: style.symbol,
        fill: style.color,
        title: (r: SweepRow) => `${r.strategy} at ${r.y === null ? r.x : `${r.x}, ${r.y}`}`,
        render: tagged(front),
      }),
    );
  }
  marks.push(
    Plot.dot(
      placed.filter((r) => r.onOverallFrontier),
      { x: 'usability', y: 'security', r: px * 0.9, stroke: 'currentColor', strokeWidth: 1.5 },
    ),
  );
  return Plot.plot({
    ...frameOf(frame, Math.round(Math.max(260, Math.min(420, frame.width * 0.5)))),
    x: {
      label: frame.xLabel,
      labelAnchor: 'center',
      labelArrow: 'none',
      labelOffset: Math.round(px * 2.7),
      reverse: frame.lowerIsBetter,
      domain: paddedDomain(
        placed.map((r) => r.usability),
        0,
        frame.xCeiling,
      ),
      grid: true,
      ticks: Math.max(2, Math.floor(frame.width / (px * 7))),
    },
    y: {
      label: frame.yLabel,
      labelArrow: 'none',
      domain: paddedDomain(
        placed.map((r) => r.security),
        0,
        100,
      ),
      grid: true,
      ticks: 5,
    },
    marks,
  });
}
