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

  it('marks a TwiML problem inside the inline document, where the parser found it', () => {
    const document = '<Response>\n  <Say>Hi</Say>\n  <Dial>123</Dial>\n</Response>';
    const text = JSON.stringify({ strategies: ['gate'], flows: { gate: { twiml: document } } });
    const [diagnostic, ...others] = scenarioDiagnostics(viewOf(text));
    expect(others).toEqual([]);
    expect(text.slice(diagnostic!.from, diagnostic!.to)).toBe('<Dial>');
    expect(diagnostic!.message).toBe(
      '$.flows.gate.twiml: expected a TwiML document, found <Dial> is a TwiML verb the simulator does not run (the simulator runs Say, Play, Pause, Gather, Redirect, Hangup, Reject and Record) at line 3, column 3',
    );
  });

  it('marks the flows only the command line runs, as the app refuses them', () => {
    const text = JSON.stringify(
      {
        strategies: ['files', 'hook'],
        flows: { files: { twiml: 'flows/a.xml' }, hook: { url: 'http://127.0.0.1:3000/voice' } },
      },
      null,
      2,
    );
    const diagnostics = scenarioDiagnostics(viewOf(text));
    expect(diagnostics.map((d) => text.slice(d.from, d.to))).toEqual([
      '"twiml": "flows/a.xml"',
      '"url": "http://127.0.0.1:3000/voice"',
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      '$.flows.files.twiml: expected an inline TwiML document in the app (a flow of .xml files runs in the command line, which reads them relative to the scenario file; here, paste the document into "twiml"), found "flows/a.xml"',
      '$.flows.hook.url: expected a flow with an inline "twiml" document in the app (a webhook flow runs in the command line, which requests the URL), found "http://127.0.0.1:3000/voice"',
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
