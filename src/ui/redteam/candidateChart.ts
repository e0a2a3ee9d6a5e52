import * as Plot from '@observablehq/plot';
import type { MarkStyle } from '../compare/chartPanels.ts';
import type { StrategySymbol } from '../style/strategyStyle.ts';
import type { CandidatePoint, SearchView } from './progressView.ts';

/** The chart's height in px for labels of `labelPx`: reserved before it is drawn. */
export function candidateChartHeight(labelPx: number): number {
  return Math.round(labelPx * 18);
}

/** A candidate's radius in px: small beside the best's (labelPx × 0.7). */
export function candidateRadius(labelPx: number): number {
  return Math.max(3, labelPx * 0.3);
}

/**
 * The chart's frame, drawn by Observable Plot: the axes (candidates in the order tried, to the
 * budget, so the chart fills in as the search goes on; rates on the full 0–100% scale, like
 * Compare's interception panel), the best so far filled and ringed in the attacked flow's colour
 * and symbol, labelled "best", and its 95% interval as a band across. The other candidates are
 * painted under it by paintCandidates: one SVG element per candidate would cost Plot about
 * 20 µs each, a long task at a few thousand. Text sized by var(--svg-label).
 */
export function renderCandidateFrame(
  view: SearchView,
  style: MarkStyle,
  width: number,
  labelPx = 12,
): SVGSVGElement | HTMLElement {
  const best = view.points.filter((p) => p.best);
  const xMax = Math.max(view.budget, view.candidatesTried, 1);
  const band = view.best ? [{ low: view.best.lowPercent, high: view.best.highPercent }] : [];
  return Plot.plot({
    width,
    height: candidateChartHeight(labelPx),
    marginLeft: Math.round(labelPx * 4),
    marginRight: Math.round(labelPx * 2),
    marginTop: Math.round(labelPx * 2),
    marginBottom: Math.round(labelPx * 3.7),
    style: { fontSize: 'var(--svg-label)', background: 'transparent', overflow: 'visible' },
    x: {
      domain: [0, xMax],
      label: 'candidate, in the order tried',
      labelAnchor: 'center',
      labelOffset: Math.round(labelPx * 2.9),
      ticks: Math.max(2, Math.floor(width / (labelPx * 7))),
    },
    y: { domain: [0, 100], label: 'rate (%)', labelAnchor: 'top', grid: true, ticks: 5 },
    marks: [
      Plot.rect(band, {
        x1: 0,
        x2: xMax,
        y1: 'low',
        y2: 'high',
        fill: style.color,
        fillOpacity: 0.18,
      }),
      Plot.dot(best, {
        x: 'order',
        y: 'percent',
        r: labelPx * 0.7,
        symbol: style.symbol,
        fill: style.color,
        stroke: 'currentColor',
        strokeWidth: 2,
      }),
      Plot.text(best, {
        x: 'order',
        y: 'percent',
        text: () => 'best',
        dy: -labelPx * 1.2,
        fill: 'currentColor',
        fontWeight: 700,
      }),
    ],
  });
}

/** A symbol's outline as Plot draws it at radius `r`, centred on 0,0: a path, or a circle. */
type SymbolShape = { readonly path: string } | { readonly circle: number };

const shapes = new Map<string, SymbolShape>();

/**
 * The outline Plot gives `symbol` at radius `r`, read from a one-dot plot (Plot draws a circle
 * as <circle>, every other symbol as a <path> about the origin), so the painted candidates have
 * exactly the symbol every other chart uses. Cached.
 */
export function symbolShape(symbol: StrategySymbol, r: number): SymbolShape {
  const key = `${symbol} ${r}`;
  let shape = shapes.get(key);
  if (!shape) {
    const plot = Plot.plot({
      width: 10,
      height: 10,
      margin: 0,
      axis: null,
      marks: [Plot.dot([0], { frameAnchor: 'middle', symbol, r })],
    });
    const path = plot.querySelector('g[aria-label="dot"] path')?.getAttribute('d');
    shape = path ? { path } : { circle: r };
    shapes.set(key, shape);
  }
  return shape;
}

/** Where the frame puts a candidate: its x and y scales. */
export interface FrameScales {
  readonly x: (order: number) => number;
  readonly y: (percent: number) => number;
}

/** The frame's scales (Plot's plot.scale(…).apply). */
export function frameScales(frame: SVGSVGElement | HTMLElement): FrameScales {
  const plot = frame as (SVGSVGElement | HTMLElement) & Plot.Plot;
  const x = plot.scale('x')!;
  const y = plot.scale('y')!;
  return { x: (v) => x.apply(v) as number, y: (v) => y.apply(v) as number };
}

/**
 * Paints every candidate but the best as a hollow symbol in the flow's colour on a canvas the
 * frame's size (at the screen's pixel ratio), under the frame: one canvas, however many.
 */
export function paintCandidates(
  canvas: HTMLCanvasElement,
  frame: { readonly width: number; readonly height: number },
  points: readonly CandidatePoint[],
  scales: FrameScales,
  style: MarkStyle,
  labelPx: number,
  pixelRatio: number,
): void {
  canvas.width = Math.round(frame.width * pixelRatio);
  canvas.height = Math.round(frame.height * pixelRatio);
  canvas.style.width = `${frame.width}px`;
  canvas.style.height = `${frame.height}px`;
  const context = canvas.getContext('2d');
  if (!context) return;
  context.scale(pixelRatio, pixelRatio);
  context.strokeStyle = style.color;
  context.lineWidth = 1.5;
  const shape = symbolShape(style.symbol, candidateRadius(labelPx));
  const outline = 'path' in shape ? new Path2D(shape.path) : null;
  for (const point of points) {
    if (point.best) continue;
    const x = scales.x(point.order);
    const y = scales.y(point.percent);
    if (outline) {
      context.translate(x, y);
      context.stroke(outline);
      context.translate(-x, -y);
    } else if ('circle' in shape) {
      context.beginPath();
      context.arc(x, y, shape.circle, 0, 2 * Math.PI);
      context.stroke();
    }
  }
}
