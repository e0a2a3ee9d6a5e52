/**
 * A finished sweep as `npm run sim -- sweep` prints it: a table (text), the results object
 * (`--json`) or one row per point and strategy (`--csv`), each with every figure, its 95%
 * interval and the frontier. README "Sweeps".
 */
import type { StrategyId } from '../scenario/index.ts';
import type { SweepFrontier } from '../sim/frontier.ts';
import { describeMiss, describeSweepCheck, type SweepCheck } from '../sim/sweepExpectations.ts';
import type { SweepPointResult, SweepResults, SweepStrategyResult } from '../sim/sweepResults.ts';
import { csvField } from './exports.ts';
import { interval, percent, seconds } from './percent.ts';

/** The sweep's results, its frontier and its thresholds: what `sweep --json` prints. */
export type SweepReport = SweepResults & {
  readonly frontier: SweepFrontier;
  readonly expectations: readonly SweepCheck[];
  readonly passed: boolean;
};

export function sweepReport(
  results: SweepResults,
  frontier: SweepFrontier,
  expectations: readonly SweepCheck[],
): SweepReport {
  return { ...results, frontier, expectations, passed: expectations.every((c) => c.passed) };
}

export function sweepReportJson(report: SweepReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Words for the frontier's objectives, as the text and the plot say them. */
export const SECURITY_WORDS = {
  interception: 'interception',
  campaign: 'campaign interception',
  'end-to-end': 'end-to-end compromise',
} as const;
export const USABILITY_WORDS = {
  'legit-success': 'owner success',
  'time-to-code': 'median time to code',
} as const;

/** `amd.afterGreetingSilenceMs = 500`: a point's values in words. */
export function pointWords(point: SweepPointResult): string {
  return Object.entries(point.values)
    .map(([path, value]) => `${path} = ${value}`)
    .join(', ');
}

/** Whether (point, strategy) is on the strategy's own frontier, and on the overall one. */
function frontierMark(frontier: SweepFrontier, point: number, strategy: StrategyId): string {
  const own = frontier.byStrategy[strategy]?.includes(point) ?? false;
  const overall = frontier.overall.some((m) => m.point === point && m.strategy === strategy);
  return overall ? '**' : own ? '*' : '';
}

const TABLE_HEADERS = [
  'strategy',
  'interception [95% CI]',
  'campaign [95% CI]',
  'end-to-end [95% CI]',
  'legit success [95% CI]',
  'median s to code [95% CI]',
  'abandon [95% CI]',
  'frontier',
];

function secondsInterval(ci: readonly [number, number] | null): string {
  return ci === null ? '' : `[${seconds(ci[0])}, ${seconds(ci[1])}]`;
}

function tableRow(r: SweepStrategyResult): string[] {
  return [
    `${percent(r.interceptionRate)} ${interval(r.interceptionCi95)}`,
    `${percent(r.campaignInterceptionRate)} ${interval(r.campaignInterceptionCi95)}`,
    `${percent(r.endToEndRate)} ${interval(r.endToEndCi95)}`,
    `${percent(r.legitSuccessRate)} ${interval(r.legitSuccessCi95)}`,
    `${seconds(r.legitMedianSecondsToCode)} ${secondsInterval(r.legitMedianSecondsToCodeCi95)}`.trim(),
    `${percent(r.abandonRate)} ${interval(r.abandonCi95)}`,
  ];
}

/** Columns padded to their widest cell. */
function aligned(rows: readonly string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows.map((row) =>
    row
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd(),
  );
}

/** "amd.afterGreetingSilenceMs from 500 to 2500 by 100 (21 values)". */
function axisWords(results: SweepResults): string {
  return results.axes
    .map((a) => `${a.path} from ${a.from} to ${a.to} by ${a.step} (${a.values.length} values)`)
    .join(' × ');
}

/** A frontier member's two figures in words. */
function figureWords(report: SweepReport, point: SweepPointResult, strategy: StrategyId): string {
  const r = point.strategies[strategy]!;
  const { security, usability } = report.frontier;
  const s =
    security === 'interception'
      ? r.interceptionRate
      : security === 'campaign'
        ? r.campaignInterceptionRate
        : r.endToEndRate;
  const u =
    usability === 'legit-success'
      ? percent(r.legitSuccessRate)
      : `${seconds(r.legitMedianSecondsToCode)} s`;
  return `${SECURITY_WORDS[security]} ${percent(s)}, ${USABILITY_WORDS[usability]} ${u}`;
}

/**
 * Frontier members a line each, except that a run of members of one strategy at consecutive
 * points with the same figures (what the same trials give where the field changes nothing) is
 * one line: "200 … 1400 (13 points)".
 */
function memberLines(
  report: SweepReport,
  members: readonly { readonly point: number; readonly strategy: StrategyId }[],
  withStrategy: boolean,
): string[] {
  const lines: string[] = [];
  for (let i = 0; i < members.length;) {
    const first = members[i]!;
    const figures = figureWords(report, report.points[first.point]!, first.strategy);
    let j = i + 1;
    while (
      j < members.length &&
      members[j]!.strategy === first.strategy &&
      members[j]!.point === members[j - 1]!.point + 1 &&
      figureWords(report, report.points[members[j]!.point]!, first.strategy) === figures
    )
      j++;
    const at = pointWords(report.points[first.point]!);
    const span =
      j - i > 1
        ? `${at} … ${pointWords(report.points[members[j - 1]!.point]!)} (${j - i} points)`
        : at;
    lines.push(`    ${withStrategy ? `${first.strategy} at ` : ''}${span}: ${figures}`);
    i = j;
  }
  return lines;
}

/** The frontier, strategy by strategy and over all of them. */
function frontierLines(report: SweepReport): string[] {
  const { security, usability } = report.frontier;
  const lines = [
    `frontier: the points no other beats on both ${SECURITY_WORDS[security]} (lower) and ${USABILITY_WORDS[usability]} (${usability === 'legit-success' ? 'higher' : 'lower'}); * in the table, ** also over all strategies`,
  ];
  for (const strategy of report.strategies) {
    const points = report.frontier.byStrategy[strategy] ?? [];
    lines.push(
      `  ${strategy}:`,
      ...memberLines(
        report,
        points.map((point) => ({ point, strategy })),
        false,
      ),
    );
  }
  lines.push('  all strategies:', ...memberLines(report, report.frontier.overall, true));
  return lines;
}

/** A check in lines: its verdict, and the points that say why when it failed. */
export function sweepCheckLines(report: SweepResults, check: SweepCheck): string[] {
  const head = `${check.passed ? 'ok    ' : 'FAILED'} ${describeSweepCheck(check)}`;
  if (check.passed) return [head];
  const which = check.kind === 'some' ? 'closest points' : 'points that miss, furthest first';
  return [
    `${head}; ${which}:`,
    ...check.points.map(
      (v) =>
        `         ${pointWords(report.points[v.point]!)}: ${v.misses.map(describeMiss).join(', ')}`,
    ),
  ];
}

/** The sweep as a table for a terminal, point by point, with the frontier and the thresholds. */
export function formatSweep(report: SweepReport): string {
  const paths = report.axes.map((a) => a.path);
  const rows: string[][] = [[...paths, ...TABLE_HEADERS]];
  for (const point of report.points) {
    for (const strategy of report.strategies) {
      const r = point.strategies[strategy];
      if (!r) continue;
      rows.push([
        ...paths.map((p) => String(point.values[p])),
        strategy,
        ...tableRow(r),
        frontierMark(report.frontier, point.index, strategy),
      ]);
    }
  }
  const [header, ...body] = aligned(rows);
  const lines = [
    report.scenario,
    `sweep of ${axisWords(report)}: ${report.points.length} points; seed ${report.seed}, ${report.trials} attack and ${report.trials} legit trials per point and strategy, the same trials at every point`,
    '',
    header!,
    '-'.repeat(header!.length),
    ...body,
    '',
    ...frontierLines(report),
  ];
  if (report.expectations.length > 0) {
    const met = report.expectations.filter((c) => c.passed).length;
    lines.push('', `sweep expectations: ${met} of ${report.expectations.length} met`);
    for (const check of report.expectations) lines.push(...sweepCheckLines(report, check));
  }
  return `${lines.join('\n')}\n`;
}

/** CSV columns after the dimensions' paths: one row per point and strategy. */
export const SWEEP_CSV_COLUMNS = [
  'strategy',
  'trials',
  'interceptionRate',
  'interceptionCi95Low',
  'interceptionCi95High',
  'leakRate',
  'leakCi95Low',
  'leakCi95High',
  'campaignInterceptionRate',
  'campaignInterceptionCi95Low',
  'campaignInterceptionCi95High',
  'endToEndRate',
  'endToEndCi95Low',
  'endToEndCi95High',
  'legitSuccessRate',
  'legitSuccessCi95Low',
  'legitSuccessCi95High',
  'legitMedianSecondsToCode',
  'legitMedianSecondsToCodeCi95Low',
  'legitMedianSecondsToCodeCi95High',
  'abandonRate',
  'abandonCi95Low',
  'abandonCi95High',
  'meanCallSeconds',
  'meanCampaignCalls',
  'applicationErrorCalls',
  'compromiseRate',
  'onStrategyFrontier',
  'onOverallFrontier',
  'seed',
  'scenario',
] as const;

/**
 * One row per point and strategy, the point's index and the dimensions' values first, every
 * figure as a raw number; lines end in CRLF (RFC 4180), as `run --csv`'s export.
 */
export function sweepReportCsv(report: SweepReport): string {
  const header = ['point', ...report.axes.map((a) => a.path), ...SWEEP_CSV_COLUMNS];
  const rows: (string | number | null)[][] = [header];
  for (const point of report.points) {
    for (const strategy of report.strategies) {
      const r = point.strategies[strategy];
      if (!r) continue;
      const mark = frontierMark(report.frontier, point.index, strategy);
      rows.push([
        point.index,
        ...report.axes.map((a) => point.values[a.path]!),
        strategy,
        r.trials,
        r.interceptionRate,
        ...r.interceptionCi95,
        r.leakRate,
        ...r.leakCi95,
        r.campaignInterceptionRate,
        ...r.campaignInterceptionCi95,
        r.endToEndRate,
        ...r.endToEndCi95,
        r.legitSuccessRate,
        ...r.legitSuccessCi95,
        r.legitMedianSecondsToCode,
        ...(r.legitMedianSecondsToCodeCi95 ?? [null, null]),
        r.abandonRate,
        ...r.abandonCi95,
        r.meanCallSeconds,
        r.meanCampaignCalls,
        r.applicationErrorCalls,
        point.compromiseRate,
        mark !== '' ? 1 : 0,
        mark === '**' ? 1 : 0,
        report.seed,
        report.scenario,
      ]);
    }
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
