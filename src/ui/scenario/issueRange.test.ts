import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../scenario/index.ts';
import { issueRange, offsetOf, rawOffsets, tokenEnd } from './issueRange.ts';
import { outlineJson } from './jsonLocator.ts';

const slice = (text: string, range: { from: number; to: number }) =>
  text.slice(range.from, range.to);

/** Each issue of `text`, underlined. */
function underlined(text: string): string[] {
  const result = parseScenarioText(text);
  if (result.ok) return [];
  const outline = outlineJson(text);
  return result.issues.map((issue) => slice(text, issueRange(text, outline, issue)));
}

const scenarioWithDocument = (document: string) =>
  JSON.stringify({ strategies: ['gate'], flows: { gate: { twiml: document } } }, null, 2);

describe('issueRange', () => {
  it('underlines a problem in an inline TwiML document where the parser found it, escapes and all', () => {
    const text = scenarioWithDocument(
      '<Response>\n  <Gather numDigits="x" finishOnKey="">\n    <Dial>123</Dial>\n  </Gather>\n</Response>',
    );
    expect(underlined(text)).toEqual(['numDigits=\\"x\\"', '<Dial>']);
  });

  it('counts lines ended by CR LF and by a lone CR, and columns past a \\u escape', () => {
    const text = scenarioWithDocument(
      '<Response>\r\n<Say>\u00e9</Say>\r<Hangup/><Dial/></Response>',
    );
    expect(text).toContain('<Say>é</Say>');
    const escaped = text.replace('é', '\\u00e9');
    expect(underlined(escaped)).toEqual(['<Dial']);
  });

  it('underlines a problem of the scenario itself at its JSON path', () => {
    const text = '{\n  "trials": "many"\n}';
    expect(underlined(text)).toEqual(['"trials": "many"']);
  });

  it('underlines a document that is not XML at the tag where reading stopped', () => {
    const text = scenarioWithDocument('<Response><Say>Hi</Response>');
    expect(underlined(text)).toEqual(['</Response>']);
  });
});

describe('rawOffsets', () => {
  it('maps each character of the string to its place in the JSON literal, and one past the end', () => {
    expect(rawOffsets('"a\\nb"')).toEqual([1, 2, 4, 5]);
    expect(rawOffsets('"\\u00e9\\"x"')).toEqual([1, 7, 9, 10]);
    expect(rawOffsets('""')).toEqual([1]);
  });
});

describe('offsetOf', () => {
  it('finds a line and column as XML counts lines: LF, CR LF or a lone CR', () => {
    expect(offsetOf('ab\ncd', 2, 2)).toBe(4);
    expect(offsetOf('ab\r\ncd', 2, 1)).toBe(4);
    expect(offsetOf('ab\rcd\nef', 3, 2)).toBe(7);
    expect(offsetOf('ab', 5, 1)).toBe(2);
  });
});

describe('tokenEnd', () => {
  it('ends a tag name at a space, an attribute after its quoted value, a tag after its >', () => {
    const text = '<Gather finishOnKey="a b"><Dial>x y</Dial>';
    expect(text.slice(0, tokenEnd(text, 0))).toBe('<Gather');
    expect(text.slice(8, tokenEnd(text, 8))).toBe('finishOnKey="a b"');
    expect(text.slice(26, tokenEnd(text, 26))).toBe('<Dial>');
    expect(text.slice(32, tokenEnd(text, 32))).toBe('x');
    expect(text.slice(35, tokenEnd(text, 35))).toBe('</Dial>');
  });
});
