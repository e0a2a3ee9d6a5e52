import type { EditorView } from '@codemirror/view';
import { describe, expect, it } from 'vitest';
import { MAX_LISTED_ISSUES } from '../../../scenario/index.ts';
import { scenarioDiagnostics } from './scenarioLinter.ts';

/** The linter reads only the document's text from the view. */
const viewOf = (text: string) => ({ state: { doc: { toString: () => text } } }) as EditorView;

describe('scenarioDiagnostics', () => {
  it('marks each problem where its path points, with the CLI’s words', () => {
    const text = '{\n  "trials": "x",\n  "trials": 20\n}';
    expect(scenarioDiagnostics(viewOf(text))).toEqual([
      {
        from: text.lastIndexOf('"trials"'),
        to: text.lastIndexOf('20') + 2,
        severity: 'error',
        source: 'scenario',
        message:
          '$.trials: expected each property given once in an object, found "trials" given twice: first at line 2, column 3, then at line 3, column 3',
      },
    ]);
  });

  it('marks at most 50 problems of thousands, and says how many more there are', () => {
    const text = `{${Array.from({ length: 5000 }, (_, i) => `"k${i}": ${i}`).join(',')}}`;
    const diagnostics = scenarioDiagnostics(viewOf(text));
    expect(diagnostics).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(diagnostics.at(-1)).toMatchObject({
      from: 0,
      to: 1,
      message: '… and 4950 more problems, not marked',
    });
  });

  it('lints a document nested 100,000 deep without exhausting the stack', () => {
    const text = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const [diagnostic] = scenarioDiagnostics(viewOf(text));
    expect(diagnostic?.message).toMatch(/: expected at most 64 levels of objects and lists/);
  });
});
