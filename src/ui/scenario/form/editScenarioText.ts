import { parseScenarioText, parseStrictJson, type ScenarioIssue } from '../../../scenario/index.ts';

/** A scenario file's top level, as parsed JSON. */
export type JsonObject = { [key: string]: unknown };

export type ScenarioEdit = (root: JsonObject) => void;

export type EditOutcome =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: string };

/** The text a scenario file is written as: 2-space indentation, a final newline. */
export function formatScenarioJson(root: unknown): string {
  return `${JSON.stringify(root, null, 2)}\n`;
}

/**
 * Applies a form edit to the scenario's JSON text: parse, change the one field, re-serialise,
 * leaving every other field as the author wrote it. The result is checked with the CLI's
 * validator, so the form can only ever write a scenario that runs; otherwise it gets the
 * validator's own words for what is wrong.
 */
export function editScenarioText(text: string, edit: ScenarioEdit): EditOutcome {
  // The validator's reader, not JSON.parse: a name given twice would otherwise lose its first
  // value silently when the text is written back, and it bounds the depth JSON.stringify meets.
  const parsed = parseStrictJson(text);
  const unreadable = parsed.stop?.issue ?? parsed.problems.listed[0];
  if (unreadable?.expected === 'valid JSON') {
    return { ok: false, problem: 'The JSON has a syntax error; fix it in the editor first.' };
  }
  if (unreadable) {
    return {
      ok: false,
      problem: `${describeProblems([unreadable])} Fix it in the editor first.`,
    };
  }
  const root = parsed.value;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    return {
      ok: false,
      problem: 'The scenario must be a JSON object; fix it in the editor first.',
    };
  }
  edit(root as JsonObject);
  const next = formatScenarioJson(root);
  const result = parseScenarioText(next);
  if (!result.ok) return { ok: false, problem: describeProblems(result.issues) };
  return { ok: true, text: next };
}

function describeProblems(issues: readonly ScenarioIssue[]): string {
  return issues
    .map((issue) => `${issue.path}: expected ${issue.expected}, found ${issue.found}.`)
    .join(' ');
}
