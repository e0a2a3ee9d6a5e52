/**
 * A sweep drawn as one standalone SVG with Observable Plot, the app's charting library, given a
 * `document` to build it in (a page's, or a DOM implementation's on a server: Plot's `document`
 * option). One dimension: a rate curve per strategy with its 95% interval band, security above
 * and usability below; two dimensions: a heat map of each per strategy; both end with the
 * trade-off plane where the frontier is. Strategies keep the app's colours and symbols
 * (strategyPalette.ts). README "Sweeps".
 */
import * as Plot from '@observablehq/plot';
import type { StrategyId } from '../scenario/index.ts';
import {
  securityOf,
  usabilityOf,
  type SecurityObjective,
  type SweepFrontier,
  type UsabilityObjective,
} from '../sim/frontier.ts';
import type { SweepResults, SweepStrategyResult } from '../sim/sweepResults.ts';
import { strategyPalette, type PaletteEntry } from './strategyPalette.ts';
import { SECURITY_WORDS, USABILITY_WORDS, pointWords } from './sweepReport.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
const TEXT_COLOR = '#1b1b1b';
const BACKGROUND = '#ffffff';
const FONT = 'system-ui, sans-serif';
const LABEL_PX = 12;
const HEADING_PX = 14;

/** A heat map's colour scale, the same for every strategy so their maps compare. */
interface HeatColor {
  readonly scheme: Plot.ColorScheme;
  readonly domain: [number, number];
  readonly reverse: boolean;
}

export interface SweepPlotOptions {
  /** Where the elements are made: Plot's `document` option. */
  readonly document: Document;
  /** Width in px (the SVG scales: it has a viewBox). */
  readonly width?: number;
}

/** One strategy at one point, as the panels draw it: rates in percent, times in seconds. */
interface Row {
  readonly strategy: StrategyId;
  readonly x: number;
  readonly y: number | undefined;
  readonly security: number;
  readonly securityLow: number;
  readonly securityHigh: number;
  /** NaN where there is no value (no owner got the code): lines break there. */
  readonly usability: number;
  readonly usabilityLow: number;
  readonly usabilityHigh: number;
  readonly onOwnFrontier: boolean;
  readonly onOverallFrontier: boolean;
}

/** A security rate's interval. */
function securityInterval(r: SweepStrategyResult, objective: SecurityObjective) {
  if (objective === 'interception') return r.interceptionCi95;
  if (objective === 'campaign') return r.campaignInterceptionCi95;
  return r.endToEndCi95;
}

function rows(results: SweepResults, frontier: SweepFrontier): Row[] {
  const [xPath, yPath] = results.axes.map((a) => a.path);
  const percent = frontier.usability === 'legit-success' ? 100 : 1;
  return results.points.flatMap((point) =>
    results.strategies.flatMap((strategy) => {
      const r = point.strategies[strategy];
      if (!r) return [];
      const [sLow, sHigh] = securityInterval(r, frontier.security);
      const usability = usabilityOf(r, frontier.usability);
      const uCi =
        frontier.usability === 'legit-success'
          ? r.legitSuccessCi95
          : r.legitMedianSecondsToCodeCi95;
      return [
        {
          strategy,
          x: point.values[xPath!]!,
          y: yPath === undefined ? undefined : point.values[yPath],
          security: securityOf(r, frontier.security) * 100,
          securityLow: sLow * 100,
          securityHigh: sHigh * 100,
          usability: usability === null ? NaN : usability * percent,
          usabilityLow: uCi === null ? NaN : uCi[0] * percent,
          usabilityHigh: uCi === null ? NaN : uCi[1] * percent,
          onOwnFrontier: frontier.byStrategy[strategy]?.includes(point.index) ?? false,
          onOverallFrontier: frontier.overall.some(
            (m) => m.point === point.index && m.strategy === strategy,
          ),
        },
      ];
    }),
  );
}

/** Axis labels of the two figures. */
function securityLabel(objective: SecurityObjective): string {
  return `${capitalised(SECURITY_WORDS[objective])} (%)`;
}
function usabilityLabel(objective: UsabilityObjective): string {
  return objective === 'legit-success' ? 'Owner success (%)' : 'Median seconds to code';
}
function capitalised(text: string): string {
  return `${text[0]!.toUpperCase()}${text.slice(1)}`;
}

/** A [low, high] domain around the values with a margin, within [floor, ceiling]. */
function paddedDomain(values: number[], floor: number, ceiling: number): [number, number] {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return [floor, Math.min(ceiling, floor + 1)];
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  const pad = Math.max((high - low) * 0.08, 0.5);
  return [Math.max(floor, low - pad), Math.min(ceiling, high + pad)];
}

const common = (document: Document, width: number, height: number) => ({
  document,
  width,
  height,
  style: { background: 'transparent', fontSize: `${LABEL_PX}px`, fontFamily: FONT },
  marginLeft: 56,
  marginRight: 24,
  marginTop: 28,
  marginBottom: 40,
});

/**
 * One figure against the swept value: a band (the 95% interval), a line and a dot per setting
 * for each strategy, the strategy's frontier ringed and the frontier of all strategies ringed
 * again, in the text colour.
 */
function curvePanel(
  data: Row[],
  figure: 'security' | 'usability',
  palette: ReadonlyMap<StrategyId, PaletteEntry>,
  frame: { document: Document; width: number; height: number; xLabel: string; yLabel: string },
  yDomain: [number, number],
): Element {
  const marks: Plot.Markish[] = [Plot.gridY({ strokeOpacity: 0.12 })];
  for (const [strategy, entry] of palette) {
    const own = data.filter((d) => d.strategy === strategy);
    const options = { x: 'x', stroke: entry.light };
    marks.push(
      Plot.areaY(own, {
        x: 'x',
        y1: `${figure}Low`,
        y2: `${figure}High`,
        fill: entry.light,
        fillOpacity: 0.18,
        className: `${figure}-band`,
      }),
      Plot.lineY(own, { ...options, y: figure, strokeWidth: 2, className: `${figure}-line` }),
      Plot.dot(own, { x: 'x', y: figure, r: 3.5, symbol: entry.symbol, fill: entry.light }),
      Plot.dot(
        own.filter((d) => d.onOwnFrontier),
        { ...options, y: figure, r: 7, strokeWidth: 1.5, className: 'frontier' },
      ),
    );
  }
  marks.push(
    Plot.dot(
      data.filter((d) => d.onOverallFrontier),
      {
        x: 'x',
        y: figure,
        r: 10,
        stroke: TEXT_COLOR,
        strokeWidth: 1.5,
        className: 'overall-frontier',
      },
    ),
  );
  return Plot.plot({
    ...common(frame.document, frame.width, frame.height),
    x: { label: frame.xLabel, labelAnchor: 'center', labelArrow: 'none' },
    y: { label: frame.yLabel, domain: yDomain, nice: true, labelArrow: 'none' },
    marks,
  });
}

/** A heat map of one figure of one strategy over the two swept values; its frontier outlined. */
function heatPanel(
  data: Row[],
  figure: 'security' | 'usability',
  color: HeatColor,
  frame: { document: Document; width: number; height: number; xLabel: string },
  xs: readonly number[],
  ys: readonly number[],
): Element {
  const labels = xs.length <= 12 && ys.length <= 12;
  const mid = (color.domain[0] + color.domain[1]) / 2;
  const dark = (v: number) => (color.reverse ? v < mid : v > mid);
  return Plot.plot({
    ...common(frame.document, frame.width, frame.height),
    x: { type: 'band', domain: [...xs], label: frame.xLabel, labelAnchor: 'center' },
    y: { type: 'band', domain: [...ys].reverse(), label: null },
    color: { type: 'linear', scheme: color.scheme, domain: color.domain, reverse: color.reverse },
    marks: [
      Plot.cell(data, { x: 'x', y: 'y', fill: figure, inset: 0.5, className: `${figure}-cell` }),
      ...(labels
        ? [
            Plot.text(data, {
              x: 'x',
              y: 'y',
              text: (d: Row) => (Number.isFinite(d[figure]) ? d[figure].toFixed(1) : '—'),
              fill: (d: Row) => (dark(d[figure]) ? '#ffffff' : TEXT_COLOR),
              fontSize: 10,
            }),
          ]
        : []),
      Plot.cell(
        data.filter((d) => d.onOwnFrontier),
        {
          x: 'x',
          y: 'y',
          stroke: TEXT_COLOR,
          strokeWidth: 2.5,
          fill: 'none',
          inset: 1.5,
          className: 'frontier',
        },
      ),
    ],
  });
}

/**
 * The trade-off plane: every setting of every strategy as a dot (usability across, security up),
 * each strategy's frontier joined by a line, the frontier of all strategies ringed.
 */
function tradeoffPanel(
  data: Row[],
  frontier: SweepFrontier,
  palette: ReadonlyMap<StrategyId, PaletteEntry>,
  document: Document,
  width: number,
  height: number,
): Element {
  const marks: Plot.Markish[] = [
    Plot.gridX({ strokeOpacity: 0.12 }),
    Plot.gridY({ strokeOpacity: 0.12 }),
  ];
  const placed = data.filter((d) => Number.isFinite(d.usability));
  for (const [strategy, entry] of palette) {
    const own = placed.filter((d) => d.strategy === strategy);
    const line = own.filter((d) => d.onOwnFrontier).sort((a, b) => a.usability - b.usability);
    marks.push(
      Plot.dot(own, {
        x: 'usability',
        y: 'security',
        r: 3,
        symbol: entry.symbol,
        fill: entry.light,
        fillOpacity: 0.45,
      }),
      Plot.line(line, {
        x: 'usability',
        y: 'security',
        stroke: entry.light,
        strokeWidth: 2,
        curve: 'step-before',
        className: 'frontier-line',
      }),
    );
  }
  marks.push(
    Plot.dot(
      placed.filter((d) => d.onOverallFrontier),
      { x: 'usability', y: 'security', r: 7, stroke: TEXT_COLOR, strokeWidth: 1.5 },
    ),
  );
  const timeAxis = frontier.usability === 'time-to-code';
  return Plot.plot({
    ...common(document, width, height),
    x: {
      label: `${usabilityLabel(frontier.usability)}, ${timeAxis ? 'lower' : 'higher'} is better`,
      labelAnchor: 'center',
      labelArrow: 'none',
      reverse: timeAxis,
      domain: paddedDomain(
        placed.map((d) => d.usability),
        0,
        timeAxis ? Infinity : 100,
      ),
    },
    y: {
      label: `${securityLabel(frontier.security)}, lower is better`,
      labelArrow: 'none',
      domain: paddedDomain(
        placed.map((d) => d.security),
        0,
        100,
      ),
    },
    marks,
  });
}

/** The strategies' colours and symbols, and what the rings mean, on one line. */
function legendPanel(
  palette: ReadonlyMap<StrategyId, PaletteEntry>,
  document: Document,
  width: number,
  twoDimensions: boolean,
): Element {
  const items = [...palette].map(([strategy, entry], i) => ({ strategy, entry, x: 12 + i * 150 }));
  const note = twoDimensions
    ? 'outlined: on the strategy’s frontier'
    : 'ring: on the strategy’s frontier; dark ring: on the frontier of all strategies';
  return Plot.plot({
    document,
    width,
    height: 44,
    margin: 0,
    style: { background: 'transparent', fontSize: `${LABEL_PX}px`, fontFamily: FONT },
    x: { type: 'identity' },
    y: { type: 'identity' },
    marks: [
      ...items.map(({ entry, x }) =>
        Plot.dot([x], {
          x: (d: number) => d,
          y: 12,
          r: 5,
          symbol: entry.symbol,
          fill: entry.light,
        }),
      ),
      Plot.text(items, {
        x: (d: { x: number }) => d.x + 12,
        y: 12,
        text: 'strategy',
        textAnchor: 'start',
      }),
      Plot.text([note], {
        x: 4,
        y: 34,
        text: (d: string) => d,
        textAnchor: 'start',
        fillOpacity: 0.8,
      }),
    ],
  });
}

/**
 * A heat map's colour scale as a bar of 40 steps with its axis: drawn with rects, since Plot's
 * own ramp legend paints a canvas, which a DOM implementation without one cannot.
 */
function rampLegend(color: HeatColor, label: string, document: Document, width: number): Element {
  const [low, high] = color.domain;
  const steps = Array.from({ length: 40 }, (_, k) => ({
    x1: low + ((high - low) * k) / 40,
    x2: low + ((high - low) * (k + 1)) / 40,
  }));
  return Plot.plot({
    document,
    width,
    height: 58,
    marginTop: 8,
    marginBottom: 36,
    marginLeft: 8,
    marginRight: 16,
    style: { background: 'transparent', fontSize: `${LABEL_PX}px`, fontFamily: FONT },
    x: { domain: [low, high], label, labelAnchor: 'center', labelArrow: 'none', ticks: 5 },
    y: { axis: null, domain: [0, 1] },
    color: { type: 'linear', scheme: color.scheme, domain: color.domain, reverse: color.reverse },
    marks: [
      Plot.rect(steps, {
        x1: 'x1',
        x2: 'x2',
        y1: 0,
        y2: 1,
        fill: (d: { x1: number; x2: number }) => (d.x1 + d.x2) / 2,
      }),
    ],
  });
}

/** Places a panel (a nested <svg>) at (x, y) of the outer SVG. */
function place(outer: Element, panel: Element, x: number, y: number): void {
  panel.setAttribute('x', String(x));
  panel.setAttribute('y', String(y));
  outer.appendChild(panel);
}

/** A heading above a panel. */
function heading(document: Document, outer: Element, text: string, x: number, y: number): void {
  const element = document.createElementNS(SVG_NS, 'text');
  element.setAttribute('x', String(x));
  element.setAttribute('y', String(y));
  element.setAttribute('font-size', String(HEADING_PX));
  element.setAttribute('font-weight', '600');
  element.textContent = text;
  outer.appendChild(element);
}

/** A line of smaller text. */
function note(document: Document, outer: Element, text: string, x: number, y: number): void {
  const element = document.createElementNS(SVG_NS, 'text');
  element.setAttribute('x', String(x));
  element.setAttribute('y', String(y));
  element.setAttribute('font-size', String(LABEL_PX));
  element.setAttribute('fill-opacity', '0.8');
  element.textContent = text;
  outer.appendChild(element);
}

/** The plot's accessible description: what it shows and its frontier, in words. */
function description(results: SweepResults, frontier: SweepFrontier): string {
  const axes = results.axes.map((a) => `${a.path} from ${a.from} to ${a.to} by ${a.step}`);
  const members = frontier.overall
    .map((m) => `${m.strategy} at ${pointWords(results.points[m.point]!)}`)
    .join('; ');
  const view =
    results.axes.length === 1
      ? `${capitalised(SECURITY_WORDS[frontier.security])} and ${USABILITY_WORDS[frontier.usability]} of each strategy (${results.strategies.join(', ')}) against ${axes[0]}, with 95% intervals`
      : `Heat maps of ${SECURITY_WORDS[frontier.security]} and ${USABILITY_WORDS[frontier.usability]} of each strategy (${results.strategies.join(', ')}) over ${axes.join(' and ')}`;
  return `${view}; then every setting's ${SECURITY_WORDS[frontier.security]} against its ${USABILITY_WORDS[frontier.usability]}. Seed ${results.seed}, ${results.trials} trials of each kind per point and strategy. Frontier of all strategies: ${members || 'none'}.`;
}

/**
 * The sweep as standalone SVG text: `xmlns`, a viewBox, a <title> and a <desc> (the plot in
 * words, its frontier included), on a white background in the light theme's colours.
 */
export function sweepPlotSvg(
  results: SweepResults,
  frontier: SweepFrontier,
  options: SweepPlotOptions,
): string {
  const { document } = options;
  const width = options.width ?? 820;
  const palette = strategyPalette(results.strategies);
  const data = rows(results, frontier);
  const outer = document.createElementNS(SVG_NS, 'svg');
  const title = document.createElementNS(SVG_NS, 'title');
  title.setAttribute('id', 'sweep-title');
  title.textContent = `${results.scenario}: sweep of ${results.axes.map((a) => a.path).join(' × ')}`;
  const desc = document.createElementNS(SVG_NS, 'desc');
  desc.setAttribute('id', 'sweep-desc');
  desc.textContent = description(results, frontier);
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', BACKGROUND);
  outer.append(title, desc, background);
  let y = 0;
  heading(document, outer, results.scenario, 8, (y += 22));
  results.axes.forEach((a, i) => {
    const role = results.axes.length === 2 ? (i === 0 ? 'columns: ' : 'rows: ') : 'across: ';
    note(document, outer, `${role}${a.path} from ${a.from} to ${a.to} by ${a.step}`, 8, (y += 18));
  });
  note(
    document,
    outer,
    `seed ${results.seed}, ${results.trials} trials of each kind per point and strategy, the same trials at every point`,
    8,
    (y += 18),
  );
  place(outer, legendPanel(palette, document, width, results.axes.length === 2), 0, (y += 8));
  y += 44;
  if (results.axes.length === 1) {
    y = drawCurves(outer, data, results, frontier, palette, document, width, y);
  } else {
    y = drawHeatMaps(outer, data, results, frontier, palette, document, width, y);
  }
  heading(
    document,
    outer,
    `Every setting: ${SECURITY_WORDS[frontier.security]} against ${USABILITY_WORDS[frontier.usability]}; lines join each strategy’s frontier`,
    8,
    (y += 22),
  );
  const tradeoffHeight = 320;
  place(outer, tradeoffPanel(data, frontier, palette, document, width, tradeoffHeight), 0, y + 6);
  y += tradeoffHeight + 10;
  outer.setAttribute('xmlns', SVG_NS);
  outer.setAttribute('width', String(width));
  outer.setAttribute('height', String(y));
  outer.setAttribute('viewBox', `0 0 ${width} ${y}`);
  outer.setAttribute('role', 'img');
  outer.setAttribute('aria-labelledby', 'sweep-title sweep-desc');
  outer.setAttribute('font-family', FONT);
  outer.setAttribute('fill', TEXT_COLOR);
  outer.setAttribute('style', `color: ${TEXT_COLOR}; background: ${BACKGROUND}`);
  return `${outer.outerHTML}\n`;
}

/** One dimension: security above, usability below; returns the height used. */
function drawCurves(
  outer: Element,
  data: Row[],
  results: SweepResults,
  frontier: SweepFrontier,
  palette: ReadonlyMap<StrategyId, PaletteEntry>,
  document: Document,
  width: number,
  top: number,
): number {
  const xLabel = results.axes[0]!.path;
  const height = 280;
  let y = top;
  for (const figure of ['security', 'usability'] as const) {
    const label =
      figure === 'security' ? securityLabel(frontier.security) : usabilityLabel(frontier.usability);
    const values = data.flatMap((d) => [d[`${figure}Low`], d[`${figure}High`], d[figure]]);
    const ceiling =
      figure === 'usability' && frontier.usability === 'time-to-code' ? Infinity : 100;
    heading(document, outer, `${label} against ${xLabel}, with 95% intervals`, 8, (y += 22));
    const panel = curvePanel(
      data,
      figure,
      palette,
      { document, width, height, xLabel, yLabel: label },
      paddedDomain(values, 0, ceiling),
    );
    place(outer, panel, 0, y + 6);
    y += height + 10;
  }
  return y;
}

/** Two dimensions: per strategy a row of two heat maps; returns the height used. */
function drawHeatMaps(
  outer: Element,
  data: Row[],
  results: SweepResults,
  frontier: SweepFrontier,
  palette: ReadonlyMap<StrategyId, PaletteEntry>,
  document: Document,
  width: number,
  top: number,
): number {
  const [xAxis, yAxis] = results.axes;
  const half = Math.floor(width / 2);
  const height = 260;
  const timeAxis = frontier.usability === 'time-to-code';
  const domainOf = (figure: 'security' | 'usability'): [number, number] => {
    const finite = data.map((d) => d[figure]).filter((v) => Number.isFinite(v));
    const high = Math.max(...finite, figure === 'usability' && !timeAxis ? 100 : 1);
    return [figure === 'usability' ? Math.min(...finite, high) : 0, high];
  };
  const colors: Record<'security' | 'usability', HeatColor> = {
    security: { scheme: 'reds', domain: domainOf('security'), reverse: false },
    usability: {
      scheme: timeAxis ? 'purples' : 'blues',
      domain: domainOf('usability'),
      reverse: false,
    },
  };
  let y = top;
  for (const [strategy] of palette) {
    const own = data.filter((d) => d.strategy === strategy);
    y += 22;
    for (const [column, figure] of (['security', 'usability'] as const).entries()) {
      const label =
        figure === 'security'
          ? securityLabel(frontier.security)
          : usabilityLabel(frontier.usability);
      heading(document, outer, `${strategy}: ${label}`, 8 + column * half, y);
      const panel = heatPanel(
        own,
        figure,
        colors[figure],
        { document, width: half, height, xLabel: xAxis!.path },
        xAxis!.values,
        yAxis!.values,
      );
      place(outer, panel, column * half, y + 6);
    }
    y += height + 10;
  }
  for (const [column, figure] of (['security', 'usability'] as const).entries()) {
    const label =
      figure === 'security' ? securityLabel(frontier.security) : usabilityLabel(frontier.usability);
    const legend = rampLegend(colors[figure], label, document, Math.min(340, half - 24));
    place(outer, legend, 16 + column * half, y);
  }
  return y + 64;
}
