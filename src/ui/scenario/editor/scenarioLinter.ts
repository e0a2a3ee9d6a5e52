import type { Diagnostic } from '@codemirror/lint';
import type { EditorView } from '@codemirror/view';
import { formatIssue, parseScenarioText } from '../../../scenario/index.ts';
import { locatePath, outlineJson } from '../jsonLocator.ts';

/**
 * Inline lint from the CLI's own validator: each issue is underlined where its JSON path points,
 * with the same words `npm run sim -- validate` prints.
 */
export function scenarioDiagnostics(view: EditorView): Diagnostic[] {
  const text = view.state.doc.toString();
  const result = parseScenarioText(text);
  if (result.ok) return [];
  const outline = outlineJson(text);
  return result.issues.map((issue) => ({
    ...locatePath(outline, issue.path),
    severity: 'error',
    source: 'scenario',
    message: formatIssue(issue),
  }));
}
