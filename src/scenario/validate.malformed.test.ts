/**
 * The validator on what an audit fed it (issue 10, "A validator nothing crashes"): JSON nested
 * 100,000 deep, ±Infinity and NaN, names given twice, bytes that are not UTF-8, a byte order
 * mark, a million unknown keys. Each is refused at its JSON path, in bounded time and words.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  formatIssues,
  loadScenario,
  MAX_LISTED_ISSUES,
  parseScenarioBytes,
  parseScenarioText,
  ScenarioError,
  validateScenario,
  type ValidationResult,
} from './index.ts';

const EXAMPLE_TEXT = readFileSync(
  new URL('../../scenarios/night-attack-dtmf-1.json', import.meta.url),
  'utf8',
);
const utf8 = (text: string) => new TextEncoder().encode(text);

/** The problems as `sim validate` prints them, after the file name. */
function report(result: ValidationResult): string {
  if (result.ok) throw new Error('expected the scenario to be invalid, but it validated');
  return formatIssues(result.issues, result.moreIssues);
}

describe('nesting 100,000 deep', () => {
  const deepList = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;

  it('is refused at the path where the 65th level opens, before zod sees it', () => {
    const result = parseScenarioText(`{"trials": ${deepList}}`);
    expect(report(result)).toBe(
      'Invalid scenario (1 problem):\n' +
        `  $.trials${'[0]'.repeat(63)}: expected at most 64 levels of objects and lists inside each other, found level 65 at line 1, column 75`,
    );
  });

  it('as a value built in code, is described without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { uniform: [deep] };
    const result = validateScenario({
      trials: deep,
      person: { answerDelaySeconds: deep },
      x: deep,
    });
    expect(result.ok).toBe(false);
    const text = report(result);
    expect(text).toContain('$.trials: expected a number, found an object {"uniform":[{"uniform":[');
    expect(text).toContain('$.x: expected no property "x"');
    expect(text.length).toBeLessThan(2000);
  });
});

describe('a name given twice', () => {
  it('{"trials": "x", "trials": 20} is refused, though the last value alone is valid', () => {
    expect(report(parseScenarioText('{\n  "trials": "x",\n  "trials": 20\n}'))).toBe(
      'Invalid scenario (1 problem):\n' +
        '  $.trials: expected each property given once in an object, found "trials" given twice: first at line 2, column 3, then at line 3, column 3',
    );
  });

  it('a second "voicemail" object does not silently replace the first', () => {
    const text = `{
  "voicemail": { "greeting": [{ "dtmf": "1", "repeat": 10 }] },
  "voicemail": { "enabled": false }
}`;
    expect(report(parseScenarioText(text))).toContain(
      '$.voicemail: expected each property given once in an object, found "voicemail" given twice: first at line 2, column 3, then at line 3, column 3',
    );
  });

  it('is reported with the other problems of the file', () => {
    const result = parseScenarioText(
      '{"seed": -1, "code": {"kind": "ttl", "digits": 6, "digits": 8}}',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path)).toEqual(['$.code.digits', '$.seed']);
  });
});

describe('±Infinity and NaN', () => {
  it('a number past a double (1e400) is refused as such, once, at its path', () => {
    expect(report(parseScenarioText('{\n  "seed": 1e400,\n  "trials": -1e400\n}'))).toBe(
      'Invalid scenario (2 problems):\n' +
        "  $.seed: expected a number within a 64-bit float's range (magnitude at most 1.7976931348623157e+308), found the number 1e400 at line 2, column 11, which overflows to Infinity\n" +
        "  $.trials: expected a number within a 64-bit float's range (magnitude at most 1.7976931348623157e+308), found the number -1e400 at line 3, column 13, which overflows to -Infinity",
    );
    const duration = report(parseScenarioText('{"person": {"answerDelaySeconds": 1e999}}'));
    expect(duration).toMatch(
      /^Invalid scenario \(1 problem\):\n {2}\$\.person\.answerDelaySeconds: /,
    );
  });

  it('a computed Infinity or NaN is described as itself, never as "the number null"', () => {
    const text = report(
      validateScenario({
        trials: Infinity,
        seed: -Infinity,
        startSpreadSeconds: NaN,
        strategies: [NaN],
        person: { answerDelaySeconds: { uniform: [0, Infinity] } },
      }),
    );
    expect(text).not.toContain('null');
    expect(text).toContain('$.trials: expected a finite number, found the number Infinity');
    expect(text).toContain('$.seed: expected a finite number, found the number -Infinity');
    expect(text).toContain(
      '$.startSpreadSeconds: expected a finite number, found NaN (not a number)',
    );
    expect(text).toContain('$.strategies[0]: expected a string, found NaN (not a number)');
    expect(text).toContain('found NaN (not a number)');
    expect(text).toContain(
      '$.person.answerDelaySeconds.uniform[1]: expected a finite number, found the number Infinity',
    );
  });
});

describe('bytes', () => {
  it('that are not UTF-8 are refused, not replaced with U+FFFD', () => {
    const bytes = new Uint8Array([...utf8('{\n  "name": "Caf'), 0xe9, ...utf8('"\n}\n')]);
    expect(report(parseScenarioBytes(bytes))).toBe(
      'Invalid scenario (1 problem):\n' +
        '  $: expected UTF-8 text (RFC 3629), found bytes that are not UTF-8 at line 2, column 15 (byte 16: 0xe9 0x22 0x0a 0x7d): save the file as UTF-8',
    );
  });

  it('that start with a byte order mark are refused, saying to save without it', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(EXAMPLE_TEXT)]);
    expect(report(parseScenarioBytes(bytes))).toBe(
      'Invalid scenario (1 problem):\n' +
        '  $: expected JSON text with no byte order mark, found a byte order mark (U+FEFF) before it: save the file as UTF-8 without BOM',
    );
    expect(parseScenarioBytes(utf8(EXAMPLE_TEXT)).ok).toBe(true);
  });
});

describe('a million unknown keys', () => {
  it(
    `lists the first ${MAX_LISTED_ISSUES} problems, counts the rest, and takes seconds`,
    { timeout: 120_000 },
    () => {
      const text = `{${Array.from({ length: 1_000_000 }, (_, i) => `"k${i}": ${i}`).join(',')}}`;
      const started = performance.now();
      const result = parseScenarioText(text);
      const printed = report(result);
      const elapsed = performance.now() - started;
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.issues).toHaveLength(MAX_LISTED_ISSUES);
      expect(result.moreIssues).toBe(1_000_000 - MAX_LISTED_ISSUES);
      const lines = printed.split('\n');
      expect(lines[0]).toBe('Invalid scenario (1000000 problems):');
      expect(lines[1]).toMatch(/^ {2}\$\.k0: expected no property "k0" \(allowed here: \$schema, /);
      expect(lines.at(-1)).toBe('  … and 999950 more problems');
      expect(lines).toHaveLength(MAX_LISTED_ISSUES + 2);
      expect(printed.length).toBeLessThan(20_000);
      // About 3 s on an idle 2-core machine (reading the text is most of it; JSON.parse alone
      // takes half that); the audit's run built 252 MB of messages.
      expect(elapsed).toBeLessThan(60_000);
    },
  );

  it('a long unknown key is shortened in the path and the message', () => {
    const key = 'x'.repeat(100_000);
    const printed = report(parseScenarioText(`{"${key}": 1}`));
    expect(printed).toContain(`$["${'x'.repeat(60)}…"]: expected no property "${'x'.repeat(60)}…"`);
    expect(printed.length).toBeLessThan(1000);
  });
});

describe('the cap on listed problems', () => {
  it('is kept by ScenarioError and formatIssues', () => {
    const input = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`k${i}`, i]));
    let thrown: unknown;
    try {
      loadScenario(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ScenarioError);
    const error = thrown as ScenarioError;
    expect(error.issues).toHaveLength(MAX_LISTED_ISSUES);
    expect(error.moreIssues).toBe(70);
    expect(error.message.split('\n')[0]).toBe('Invalid scenario (120 problems):');
    expect(error.message.split('\n').at(-1)).toBe('  … and 70 more problems');
  });

  it('applies to a list of issues passed whole, too', () => {
    const issue = { path: '$.x', expected: 'y', found: 'z' };
    const text = formatIssues(Array<typeof issue>(51).fill(issue));
    expect(text.split('\n')).toHaveLength(MAX_LISTED_ISSUES + 2);
    expect(text).toMatch(/^Invalid scenario \(51 problems\):/);
    expect(text).toMatch(/\n {2}… and 1 more problem$/);
  });
});
