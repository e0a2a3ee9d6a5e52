import { describe, expect, it } from 'vitest';
import type { ExpectationCheck } from '../sim/expectations.ts';
import type { RunResults, StrategyResult } from '../sim/results.ts';
import {
  CSV_COLUMNS,
  MARKDOWN_HEADERS,
  exportFileName,
  reportCsv,
  reportJson,
  reportMarkdown,
  runReport,
} from './exports.ts';
import { comparisonRows } from './textTable.ts';

const naive: StrategyResult = {
  trials: 2000,
  interceptionRate: 0.983,
  interceptionCi95: [0.9763388128481537, 0.9878093194781562],
  leakRate: 0.983,
  campaignInterceptionRate: 1,
  campaignInterceptionCi95: [0.9980829527187471, 1],
  endToEndRate: 0.2888480961923848,
  legitSuccessRate: 0.898,
  legitSuccessCi95: [0.8839638841043522, 0.9105101462597706],
  legitMedianSecondsToCode: 18.415,
  abandonRate: 0,
  meanCallSeconds: 20.363014,
  meanCampaignCalls: 1.017,
  applicationErrorCalls: 0,
};

const randomDigit: StrategyResult = {
  ...naive,
  interceptionRate: 0.0955,
  interceptionCi95: [0.0834, 0.1091],
  legitMedianSecondsToCode: null,
};

const results: RunResults = {
  scenario: 'Night attack: DTMF 1, "quoted" | piped',
  seed: 7,
  trials: 2000,
  compromiseRate: 0.2888480961923848,
  compromise: {
    rate: 0.2888480961923848,
    guessesAllowed: 300,
    callsNeeded: 100,
    limitedBy: 'budget',
  },
  strategies: { naive, 'random-digit': randomDigit },
};

const checks: ExpectationCheck[] = [
  {
    strategy: 'random-digit',
    metric: 'interceptionRate',
    bound: 'max',
    limit: 0.15,
    actual: 0.0955,
    passed: true,
  },
  {
    strategy: 'naive',
    metric: 'legitSuccessRate',
    bound: 'min',
    limit: 0.9,
    actual: 0.898,
    passed: false,
  },
];

describe('runReport', () => {
  it('adds the expectations and passes only when every check held', () => {
    expect(runReport(results, checks)).toEqual({ ...results, expectations: checks, passed: false });
    expect(runReport(results, checks.slice(0, 1)).passed).toBe(true);
    expect(runReport(results, []).passed).toBe(true);
  });
});

describe('reportJson', () => {
  it('prints what the command line prints with --json: two-space JSON and a final newline', () => {
    const report = runReport(results, checks);
    const text = reportJson(report);
    expect(text).toBe(
      `${JSON.stringify({ ...results, expectations: checks, passed: false }, null, 2)}\n`,
    );
    expect(JSON.parse(text)).toEqual(report);
  });
});

describe('reportCsv', () => {
  const csv = reportCsv(runReport(results, checks));
  const lines = csv.split('\r\n');

  it('has a header and one CRLF-terminated row per strategy, in the run order', () => {
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines[1]!.startsWith('naive,2000,0.983,0.9763388128481537,0.9878093194781562,')).toBe(
      true,
    );
    expect(lines[2]!.startsWith('random-digit,')).toBe(true);
  });

  it('keeps every number at full precision and leaves a missing median empty', () => {
    const fields = lines[2]!.split(',');
    const column = (name: (typeof CSV_COLUMNS)[number]) => fields[CSV_COLUMNS.indexOf(name)];
    expect(column('legitMedianSecondsToCode')).toBe('');
    expect(column('compromiseRate')).toBe('0.2888480961923848');
    expect(column('legitSuccessCi95High')).toBe('0.9105101462597706');
  });

  it('quotes text with commas or quotes, doubling the quotes', () => {
    expect(lines[1]!.endsWith(',7,"Night attack: DTMF 1, ""quoted"" | piped"')).toBe(true);
  });

  it('defuses a scenario name a spreadsheet would run as a formula', () => {
    const evil = reportCsv(runReport({ ...results, scenario: '=HYPERLINK("x")' }, []));
    expect(evil.split('\r\n')[1]!.endsWith(`,"'=HYPERLINK(""x"")"`)).toBe(true);
  });
});

describe('reportMarkdown', () => {
  const markdown = reportMarkdown(runReport(results, checks), { campaignCalls: 5 });

  it('has one header per cell of the comparison rows', () => {
    expect(MARKDOWN_HEADERS).toHaveLength(comparisonRows(results)[0]!.length);
  });

  it('renders the comparison as a table, escaping pipes in text', () => {
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('# Night attack: DTMF 1, "quoted" \\| piped');
    expect(lines).toContain(
      '| naive | 98.30% [97.63%, 98.78%] | 98.30% | 100.00% | 28.88% | 89.80% [88.40%, 91.05%] | 18.4 | 0.000% | 20.4 |',
    );
    expect(lines).toContain(
      '| strategy | interception [95% CI] | leak | campaign | end-to-end | legit success [95% CI] | median s to code | abandon | mean call s |',
    );
    expect(markdown).toContain('limited by budget');
    expect(markdown).toContain('campaign: any of 5 calls');
  });

  it('lists each expectation with PASS or FAIL in words', () => {
    expect(markdown).toContain('## Expectations: 1 of 2 met');
    expect(markdown).toContain('- PASS random-digit.interceptionRate = 0.0955, expected ≤ 0.15');
    expect(markdown).toContain('- FAIL naive.legitSuccessRate = 0.898, expected ≥ 0.9');
  });

  it('leaves the expectations section out when the scenario has none', () => {
    expect(reportMarkdown(runReport(results, []))).not.toContain('Expectations');
  });
});

describe('exportFileName', () => {
  it('makes a file-system-safe name from the scenario, seed and trials', () => {
    expect(exportFileName(runReport(results, []), 'csv')).toBe(
      'night-attack-dtmf-1-quoted-piped-seed7-2000-trials.csv',
    );
    expect(exportFileName(runReport({ ...results, scenario: '¡Ñandú!' }, []), 'md')).toBe(
      'nandu-seed7-2000-trials.md',
    );
    expect(exportFileName(runReport({ ...results, scenario: '☎☎' }, []), 'json')).toBe(
      'results-seed7-2000-trials.json',
    );
  });
});
