import type { Diagnostic } from '@codemirror/lint';
import type { EditorView } from '@codemirror/view';
import { formatIssue, parseScenarioText } from '../../../scenario/index.ts';
import { withAppRules } from '../../state/appRules.ts';
import { issueRange } from '../issueRange.ts';
import { outlineJson } from '../jsonLocator.ts';

/**
 * Inline lint from the CLI's own validator, with what only the app refuses (state/appRules.ts):
 * each issue is underlined where its JSON path points (a problem in an inline TwiML document
 * where the parser found it, inside the string), with the same words `npm run sim -- validate`
 * prints. Like the CLI, at most MAX_LISTED_ISSUES are marked, and one more mark at the start
 * says how many were left out.
 */
export function scenarioDiagnostics(view: EditorView): Diagnostic[] {
  const text = view.state.doc.toString();
  const result = withAppRules(parseScenarioText(text));
  if (result.ok) return [];
  const outline = outlineJson(text);
  const diagnostics: Diagnostic[] = result.issues.map((issue) => ({
    ...issueRange(text, outline, issue),
    severity: 'error',
    source: 'scenario',
    message: formatIssue(issue),
  }));
  const more = result.moreIssues ?? 0;
  if (more > 0) {
    diagnostics.push({
      from: 0,
      to: Math.min(1, text.length),
      severity: 'error',
      source: 'scenario',
      message: `… and ${more} more ${more === 1 ? 'problem' : 'problems'}, not marked`,
    });
  }
  return diagnostics;
}
