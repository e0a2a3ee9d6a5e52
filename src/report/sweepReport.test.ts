/**
 * The sweep's outputs: the SVG plot (standalone, accessible, one curve per strategy in the app's
 * colours, the frontier marked), the CSV and the text table.
 */
import { DOMParser, parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { loadScenario, resolveSweepAxes, type SweepAxisSpec } from '../scenario/index.ts';
import { sweepFrontier } from '../sim/frontier.ts';
import { runSweepSync } from '../sim/sweep.ts';
import { checkSweepExpectations } from '../sim/sweepExpectations.ts';
import { planSweep } from '../sim/sweepPlan.ts';
import { sweepResults } from '../sim/sweepResults.ts';
import { strategyPalette } from './strategyPalette.ts';
import { sweepPlotSvg } from './sweepPlot.ts';
import {
  formatSweep,
  SWEEP_CSV_COLUMNS,
  sweepReport,
  sweepReportCsv,
  sweepReportJson,
} from './sweepReport.ts';

const base = loadScenario({
  name: 'Hello then silence',
  seed: 3,
  trials: 200,
  strategies: ['naive', 'amd', 'random-digit'],
  voicemail: { greeting: [{ speech: 0.6 }, { silence: 3 }] },
  attacker: { attempts: 1 },
});

function sweep(specs: SweepAxisSpec[]) {
  const resolved = resolveSweepAxes(base, specs);
  if ('problems' in resolved) throw new Error(JSON.stringify(resolved.problems));
  const plan = planSweep(base, resolved.axes);
  const results = sweepResults(plan, runSweepSync(plan));
  return { results, frontier: sweepFrontier(results, 'interception', 'legit-success') };
}

const oneD = sweep([{ path: 'amd.greetingMs', from: 400, to: 1000, step: 200 }]);
const twoD = sweep([
  { path: 'amd.greetingMs', from: 400, to: 1000, step: 300 },
  { path: 'service.gatherTimeoutSeconds', from: 2, to: 4, step: 2 },
]);

const document = () => parseHTML('<!doctype html><html><body></body></html>').document;

function parsedSvg(text: string): Element {
  const svg = new DOMParser().parseFromString(text, 'image/svg+xml')
    .documentElement as unknown as Element;
  expect(svg.tagName.toLowerCase()).toBe('svg');
  return svg;
}

describe('the sweep plot', () => {
  const palette = strategyPalette(base.strategies);

  it('is a standalone SVG with its namespace, a viewBox, a title and a description', () => {
    const svg = parsedSvg(sweepPlotSvg(oneD.results, oneD.frontier, { document: document() }));
    expect(svg.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(svg.getAttribute('viewBox')).toMatch(/^0 0 820 \d+$/);
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-labelledby')).toBe('sweep-title sweep-desc');
    expect(svg.querySelector('title')?.textContent).toBe(
      'Hello then silence: sweep of amd.greetingMs',
    );
    const desc = svg.querySelector('desc')?.textContent ?? '';
    expect(desc).toContain(
      'Interception and owner success of each strategy (naive, amd, random-digit) against amd.greetingMs from 400 to 1000 by 200, with 95% intervals',
    );
    expect(desc).toContain('random-digit at amd.greetingMs = 400');
  });

  it("draws one curve and one band per strategy for each figure, in the app's colours", () => {
    const svg = parsedSvg(sweepPlotSvg(oneD.results, oneD.frontier, { document: document() }));
    for (const figure of ['security', 'usability']) {
      const lines = [...svg.querySelectorAll(`g.${figure}-line`)];
      expect(lines.map((g) => g.querySelectorAll('path').length)).toEqual([1, 1, 1]);
      expect(lines.map((g) => g.getAttribute('stroke'))).toEqual(
        base.strategies.map((s) => palette.get(s)!.light),
      );
      expect(svg.querySelectorAll(`g.${figure}-band path`)).toHaveLength(3);
    }
  });

  it("rings each strategy's frontier points on both curves", () => {
    const svg = parsedSvg(sweepPlotSvg(oneD.results, oneD.frontier, { document: document() }));
    const rings = Object.values(oneD.frontier.byStrategy).reduce(
      (n, points) => n + points.length,
      0,
    );
    expect(svg.querySelectorAll('g.frontier circle')).toHaveLength(2 * rings);
    expect(svg.querySelectorAll('g.overall-frontier circle')).toHaveLength(
      2 * oneD.frontier.overall.length,
    );
  });

  it('draws two dimensions as heat maps, a cell per point for each strategy and figure', () => {
    const svg = parsedSvg(sweepPlotSvg(twoD.results, twoD.frontier, { document: document() }));
    expect(svg.querySelector('title')?.textContent).toBe(
      'Hello then silence: sweep of amd.greetingMs × service.gatherTimeoutSeconds',
    );
    // 3 × 2 points, 3 strategies.
    expect(svg.querySelectorAll('g.security-cell rect')).toHaveLength(18);
    expect(svg.querySelectorAll('g.usability-cell rect')).toHaveLength(18);
    const outlined = Object.values(twoD.frontier.byStrategy).reduce((n, p) => n + p.length, 0);
    expect(svg.querySelectorAll('g.frontier rect')).toHaveLength(2 * outlined);
  });
});

describe('the sweep report', () => {
  const checks = checkSweepExpectations(
    [
      {
        strategy: 'amd',
        some: { interceptionRate: { max: 0.05 }, legitSuccessRate: { min: 0.9 } },
      },
    ],
    oneD.results,
  );
  const report = sweepReport(oneD.results, oneD.frontier, checks);

  it('writes a CSV row per point and strategy, the dimensions first, every figure raw', () => {
    const lines = sweepReportCsv(report).split('\r\n');
    expect(lines[0]).toBe(['point', 'amd.greetingMs', ...SWEEP_CSV_COLUMNS].join(','));
    expect(lines).toHaveLength(1 + 4 * 3 + 1);
    const row = lines[1]!.split(',');
    const r = report.points[0]!.strategies.naive!;
    expect(row.slice(0, 7)).toEqual([
      '0',
      '400',
      'naive',
      '200',
      String(r.interceptionRate),
      String(r.interceptionCi95[0]),
      String(r.interceptionCi95[1]),
    ]);
  });

  it('prints JSON with the results, the frontier and the thresholds', () => {
    const json = JSON.parse(sweepReportJson(report));
    expect(Object.keys(json)).toEqual([
      'scenario',
      'seed',
      'trials',
      'strategies',
      'axes',
      'points',
      'frontier',
      'expectations',
      'passed',
    ]);
    expect(json.axes).toEqual([
      { path: 'amd.greetingMs', from: 400, to: 1000, step: 200, values: [400, 600, 800, 1000] },
    ]);
    expect(json.passed).toBe(checks[0]!.passed);
  });

  it('prints a table row per point and strategy, the frontier and each threshold', () => {
    const text = formatSweep(report);
    expect(text).toContain(
      'sweep of amd.greetingMs from 400 to 1000 by 200 (4 values): 4 points; seed 3, 200 attack and 200 legit trials per point and strategy, the same trials at every point',
    );
    expect(text.split('\n').filter((l) => /^\d+ +(naive|amd|random-digit) /.test(l))).toHaveLength(
      12,
    );
    expect(text).toMatch(
      / {2}all strategies:\n( {4}.*\n)* {4}random-digit at amd\.greetingMs = 400: /,
    );
    expect(text).toContain('sweep expectations: ');
    expect(text).toContain('some point of amd: interceptionRate ≤ 0.05 and legitSuccessRate ≥ 0.9');
  });
});
