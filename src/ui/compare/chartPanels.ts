import * as Plot from '@observablehq/plot';
import { percent, seconds } from '../../report/percent.ts';
import type { StrategyId } from '../../scenario/index.ts';
import type { RunResults, StrategyResult } from '../../sim/results.ts';
import type { StrategySymbol } from '../style/strategyStyle.ts';

interface PanelRow {
  readonly strategy: StrategyId;
  readonly value: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly label: string;
}

/** One small chart: a figure per strategy on a shared strategy axis. */
export interface ChartPanel {
  readonly id: string;
  readonly title: string;
  /** Short name for the SVG's accessible name. */
  readonly ariaLabel: string;
  readonly kind: 'rate' | 'seconds';
  /** Rates read against the full 0–100% scale; small ones (abandonment) get a zoomed axis. */
  readonly fullScale: boolean;
  readonly rows: (results: RunResults) => PanelRow[];
}

function rows(
  results: RunResults,
  pick: (r: StrategyResult) => Pick<PanelRow, 'value' | 'low' | 'high' | 'label'>,
): PanelRow[] {
  return Object.keys(results.strategies).map((strategy) => ({
    strategy,
    ...pick(results.strategies[strategy]!),
  }));
}

export const CHART_PANELS: readonly ChartPanel[] = [
  {
    id: 'interception',
    title: 'Interception (first call), with 95% CI',
    ariaLabel: 'Interception rate per strategy with 95% confidence intervals',
    kind: 'rate',
    fullScale: true,
    rows: (results) =>
      rows(results, (r) => ({
        value: r.interceptionRate,
        low: r.interceptionCi95[0],
        high: r.interceptionCi95[1],
        label: percent(r.interceptionRate),
      })),
  },
  {
    id: 'legit',
    title: 'Legit success, with 95% CI',
    ariaLabel: 'Legit success rate per strategy with 95% confidence intervals',
    kind: 'rate',
    fullScale: true,
    rows: (results) =>
      rows(results, (r) => ({
        value: r.legitSuccessRate,
        low: r.legitSuccessCi95[0],
        high: r.legitSuccessCi95[1],
        label: percent(r.legitSuccessRate),
      })),
  },
  {
    id: 'abandon',
    title: 'Abandonment (owner never heard a whole readout)',
    ariaLabel: 'Abandonment rate per strategy',
    kind: 'rate',
    fullScale: false,
    rows: (results) =>
      rows(results, (r) => ({
        value: r.abandonRate,
        low: null,
        high: null,
        label: percent(r.abandonRate),
      })),
  },
  {
    id: 'time',
    title: 'Median seconds until the owner has the code',
    ariaLabel: 'Median seconds to code per strategy',
    kind: 'seconds',
    fullScale: false,
    rows: (results) =>
      rows(results, (r) => ({
        value: r.legitMedianSecondsToCode,
        low: null,
        high: null,
        label:
          r.legitMedianSecondsToCode === null ? 'none' : `${seconds(r.legitMedianSecondsToCode)} s`,
      })),
  },
];

/**
 * A panel's height in px for `strategies` rows with labels of `labelPx`: reserved before it is
 * drawn, so nothing jumps.
 */
export function panelHeight(strategies: number, labelPx = 12): number {
  return Math.round(labelPx * (13 / 3) + labelPx * 2.5 * strategies);
}

/** A strategy's mark as Plot draws it: a resolved colour (Plot takes no var()) and a symbol. */
export interface MarkStyle {
  readonly color: string;
  readonly symbol: StrategySymbol;
}

/** One dot per strategy in its own colour and symbol (constants, so Plot needs no scale). */
export function strategyDots<T extends { strategy: StrategyId }>(
  rows: readonly T[],
  styles: ReadonlyMap<StrategyId, MarkStyle>,
  options: Plot.DotOptions,
): Plot.Dot[] {
  return rows.map((row) => {
    const style = styles.get(row.strategy);
    return Plot.dot([row], {
      ...options,
      fill: style?.color ?? 'currentColor',
      symbol: style?.symbol ?? 'circle',
    });
  });
}

/**
 * Whiskers and labels in the text colour, each dot in its strategy's colour and symbol; the
 * strategies are also told apart by their axis labels and each value is written out, so nothing
 * depends on telling colours apart. Text is sized by var(--svg-label) (18 px in presenter mode).
 */
export function renderPanel(
  panel: ChartPanel,
  results: RunResults,
  width: number,
  styles: ReadonlyMap<StrategyId, MarkStyle>,
  labelPx = 12,
): SVGSVGElement | HTMLElement {
  // Rates are drawn in percent, so the axis reads 0 to 100 like the table.
  const scale = panel.kind === 'rate' ? 100 : 1;
  const toAxis = (x: number | null) => (x === null ? null : x * scale);
  const data = panel.rows(results).map((d) => ({
    ...d,
    value: toAxis(d.value),
    low: toAxis(d.low),
    high: toAxis(d.high),
  }));
  const plotted = data.filter((d) => d.value !== null);
  const withCi = plotted.filter((d) => d.low !== null && d.high !== null);
  const largest = Math.max(0, ...plotted.map((d) => d.high ?? d.value!));
  const domainMax = panel.fullScale ? 100 : largest > 0 ? largest * 1.1 : 1;
  return Plot.plot({
    width,
    height: panelHeight(data.length, labelPx),
    marginBottom: Math.round(labelPx * 3.7),
    marginLeft: Math.round(labelPx * 8.7),
    marginRight: labelPx * 6,
    marginTop: 8,
    style: { fontSize: 'var(--svg-label)', background: 'transparent', overflow: 'visible' },
    x: {
      domain: [0, domainMax],
      nice: !panel.fullScale,
      label: panel.kind === 'rate' ? 'percent' : 'seconds',
      labelAnchor: 'center',
      labelOffset: Math.round(labelPx * 2.7),
      grid: true,
      ticks: Math.max(2, Math.floor((width - labelPx * 14.7) / (labelPx * 6.7))),
    },
    y: { type: 'band', domain: data.map((d) => d.strategy), label: null, padding: 0.2 },
    marks: [
      Plot.ruleY(withCi, { y: 'strategy', x1: 'low', x2: 'high', strokeWidth: 2 }),
      Plot.tickX(withCi, { y: 'strategy', x: 'low', strokeWidth: 2, insetTop: 5, insetBottom: 5 }),
      Plot.tickX(withCi, { y: 'strategy', x: 'high', strokeWidth: 2, insetTop: 5, insetBottom: 5 }),
      ...strategyDots(plotted, styles, { y: 'strategy', x: 'value', r: 6 }),
      Plot.text(data, {
        y: 'strategy',
        frameAnchor: 'right',
        text: 'label',
        textAnchor: 'start',
        dx: 8,
      }),
    ],
  });
}

/**
 * Plot labels its mark groups with aria-label on bare <g> elements, which axe reports as a
 * prohibited attribute (a <g> has no role that may be named). Name the chart as one image
 * described by the text summary, and give the groups a role that allows a name.
 */
export function makeAccessible(svg: Element, ariaLabel: string, describedBy: string): void {
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', ariaLabel);
  svg.setAttribute('aria-describedby', describedBy);
  for (const group of svg.querySelectorAll('g[aria-label]')) group.setAttribute('role', 'group');
}

/** The SVG label size in px now (var(--svg-label): 12 px, 18 px in presenter mode). */
export function svgLabelPx(element: Element = document.documentElement): number {
  const px = parseFloat(getComputedStyle(element).getPropertyValue('--svg-label'));
  return Number.isFinite(px) && px > 0 ? px : 12;
}
