import { parseScenarioText } from '../../scenario/index.ts';

/**
 * Why a file's text is refused as a scenario, or null to import it. Only text that is not JSON
 * is refused (a CSV, an XML document, notes): it cannot be a scenario at all, and replacing the
 * scenario with it would lose the one being worked on. JSON with problems is imported, so its
 * problems are listed at their paths and can be fixed in the editor.
 */
export function importRefusal(fileName: string, text: string): string | null {
  const result = parseScenarioText(text);
  if (result.ok) return null;
  const first = result.issues[0]!;
  if (first.expected !== 'valid JSON') return null;
  return `Not imported: ${fileName} is not a scenario file: expected JSON text, found ${first.found}. The scenario is unchanged.`;
}
