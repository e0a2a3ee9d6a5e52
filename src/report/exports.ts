import type { StrategyId } from '../scenario/index.ts';
import { describeCheck, type ExpectationCheck } from '../sim/expectations.ts';
import type { RunResults, StrategyResult } from '../sim/results.ts';
import { percent } from './percent.ts';
import type { WorstCaseCheck } from '../redteam/index.ts';
import { COMPARISON_HEADERS, comparisonRows } from './textTable.ts';

/**
 * A finished run as `npm run sim -- run FILE --json` prints it: the results, every `expect`
 * check with its limit and actual value, and whether all of them held.
 */
export type RunReport = RunResults & {
  readonly expectations: readonly ExpectationCheck[];
  /** The `expectWorstCase` checks with their greetings; present when the scenario has some. */
  readonly worstCase?: readonly WorstCaseCheck[];
  readonly passed: boolean;
};

export function runReport(
  results: RunResults,
  expectations: readonly ExpectationCheck[],
  worstCase: readonly WorstCaseCheck[] = [],
): RunReport {
  return {
    ...results,
    expectations,
    ...(worstCase.length > 0 ? { worstCase } : {}),
    passed: expectations.every((c) => c.passed) && worstCase.every((c) => c.passed),
  };
}

export type ExportFormat = 'json' | 'csv' | 'md';

export const EXPORT_MEDIA_TYPES: Record<ExportFormat, string> = {
  json: 'application/json',
  csv: 'text/csv',
  md: 'text/markdown',
};

/** Byte for byte what the command line's `--json` prints. */
export function reportJson(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** CSV columns: one row per strategy, raw fractions and seconds at full precision. */
export const CSV_COLUMNS = [
  'strategy',
  'trials',
  'interceptionRate',
  'interceptionCi95Low',
  'interceptionCi95High',
  'leakRate',
  'campaignInterceptionRate',
  'campaignInterceptionCi95Low',
  'campaignInterceptionCi95High',
  'endToEndRate',
  'legitSuccessRate',
  'legitSuccessCi95Low',
  'legitSuccessCi95High',
  'legitMedianSecondsToCode',
  'abandonRate',
  'meanCallSeconds',
  'meanCampaignCalls',
  'applicationErrorCalls',
  'compromiseRate',
  'seed',
  'scenario',
] as const;

function csvRow(report: RunReport, id: StrategyId, r: StrategyResult): (string | number | null)[] {
  return [
    id,
    r.trials,
    r.interceptionRate,
    ...r.interceptionCi95,
    r.leakRate,
    r.campaignInterceptionRate,
    ...r.campaignInterceptionCi95,
    r.endToEndRate,
    r.legitSuccessRate,
    ...r.legitSuccessCi95,
    r.legitMedianSecondsToCode,
    r.abandonRate,
    r.meanCallSeconds,
    r.meanCampaignCalls,
    r.applicationErrorCalls,
    report.compromiseRate,
    report.seed,
    report.scenario,
  ];
}

/**
 * RFC 4180 field: quoted when it holds a comma, quote or line break. Text that a spreadsheet
 * would run as a formula (= + - @ first) is prefixed with a quote mark (OWASP "CSV injection"):
 * scenario names come from files anyone can share.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One row per strategy with every figure as a raw number; lines end in CRLF (RFC 4180). */
export function reportCsv(report: RunReport): string {
  const rows = [
    [...CSV_COLUMNS],
    ...Object.entries(report.strategies).map(([id, r]) => csvRow(report, id, r)),
  ];
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Headers of the Markdown table: those of the text comparison. */
export const MARKDOWN_HEADERS = COMPARISON_HEADERS;

const markdownCell = (text: string) => text.replace(/\r?\n/g, ' ').replaceAll('|', '\\|');

export interface MarkdownOptions {
  /** Calls in an attack campaign (`attacker.attempts`), for the footnote. */
  readonly campaignCalls?: number;
}

/** A GitHub-flavoured Markdown summary: the comparison table, then the `expect` results. */
export function reportMarkdown(report: RunReport, options: MarkdownOptions = {}): string {
  const line = (cells: readonly string[]) => `| ${cells.map(markdownCell).join(' | ')} |`;
  const { compromise } = report;
  const campaign =
    options.campaignCalls === undefined
      ? 'any call of the campaign'
      : `any of ${options.campaignCalls} calls`;
  const lines = [
    `# ${markdownCell(report.scenario)}`,
    '',
    `Seed ${report.seed}, ${report.trials} attack and ${report.trials} legit trials per strategy. ` +
      `Voicemail compromise (exact): ${percent(report.compromiseRate)} — ${compromise.guessesAllowed} ` +
      `PIN guesses over ${compromise.callsNeeded} calls, limited by ${compromise.limitedBy}.`,
    '',
    line(MARKDOWN_HEADERS),
    line(MARKDOWN_HEADERS.map((_, i) => (i === 0 ? '---' : '---:'))),
    ...comparisonRows(report).map(line),
    '',
    `Interception: first attack call, code recorded and accepted; campaign: ${campaign}; ` +
      'end-to-end = compromise × campaign.',
  ];
  if (report.expectations.length > 0) {
    const met = report.expectations.filter((c) => c.passed).length;
    lines.push(
      '',
      `## Expectations: ${met} of ${report.expectations.length} met`,
      '',
      ...report.expectations.map(
        (c) => `- ${c.passed ? 'PASS' : 'FAIL'} ${markdownCell(describeCheck(c))}`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** "night-attack-seed7-2000-trials.csv": the scenario name made safe for any file system. */
export function exportFileName(report: RunReport, format: ExportFormat): string {
  const slug =
    report.scenario
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 60)
      .replace(/^-+|-+$/g, '') || 'results';
  return `${slug}-seed${report.seed}-${report.trials}-trials.${format}`;
}
