import { describe, expect, it } from 'vitest';
import {
  documentIssues,
  firstDocumentKey,
  formatIssue,
  inlineDocumentKey,
  inlineFlowDocuments,
  isInlineTwiml,
  loadScenario,
  normalizeFlowPath,
  parseScenarioText,
  twimlFileFlows,
  twimlIssueText,
  unreadableDocumentIssue,
  validateScenario,
} from './index.ts';
import { parseTwiml } from '../twiml/index.ts';

const GATE =
  '<Response><Gather numDigits="1" finishOnKey=""><Say>Press any key.</Say></Gather></Response>';

const { flows } = loadScenario({
  flows: {
    'press-any-key': { twiml: 'flows/press-any-key.xml' },
    'inline-gate': { twiml: GATE },
    'our-server': { url: 'http://127.0.0.1:3000/voice', machineDetection: 'Enable' },
    shared: { twiml: './flows//sub/../press-any-key.xml' },
  },
});

describe('isInlineTwiml', () => {
  it('is true when the text starts with "<" after whitespace, false for a path', () => {
    expect(isInlineTwiml(GATE)).toBe(true);
    expect(isInlineTwiml(' \n\t<Response/>')).toBe(true);
    expect(isInlineTwiml('flows/press-any-key.xml')).toBe(false);
    expect(isInlineTwiml('x<Response/>')).toBe(false);
  });
});

describe('document keys', () => {
  it('a path: relative to the scenario folder, forward slashes, no "." or empty segments', () => {
    expect(normalizeFlowPath('flows/press.xml')).toBe('flows/press.xml');
    expect(normalizeFlowPath('./flows//sub/../press.xml')).toBe('flows/press.xml');
    expect(normalizeFlowPath('../shared/./gate.xml')).toBe('../shared/gate.xml');
    expect(normalizeFlowPath('a/../../b.xml')).toBe('../b.xml');
  });

  it('an inline document: inline:<flow id>', () => {
    expect(inlineDocumentKey('inline-gate')).toBe('inline:inline-gate');
  });

  it('the first document of each kind of flow; none for a webhook', () => {
    expect(firstDocumentKey('press-any-key', flows['press-any-key']!)).toBe(
      'flows/press-any-key.xml',
    );
    expect(firstDocumentKey('inline-gate', flows['inline-gate']!)).toBe('inline:inline-gate');
    expect(firstDocumentKey('shared', flows.shared!)).toBe('flows/press-any-key.xml');
    expect(firstDocumentKey('our-server', flows['our-server']!)).toBeNull();
  });
});

describe('the documents a scenario holds', () => {
  it('inline ones, by key', () => {
    expect(inlineFlowDocuments(flows)).toEqual({ 'inline:inline-gate': GATE });
  });

  it('file flows, in declaration order, with the key and JSON path of each', () => {
    expect(twimlFileFlows(flows)).toEqual([
      {
        flowId: 'press-any-key',
        file: 'flows/press-any-key.xml',
        key: 'flows/press-any-key.xml',
        path: '$.flows["press-any-key"].twiml',
      },
      {
        flowId: 'shared',
        file: './flows//sub/../press-any-key.xml',
        key: 'flows/press-any-key.xml',
        path: '$.flows.shared.twiml',
      },
    ]);
  });
});

describe('document problems', () => {
  it('are written as message, line and column, and the Twilio code when there is one', () => {
    expect(
      twimlIssueText({ line: 3, column: 7, message: 'unclosed <Gather>', twilioCode: 12100 }),
    ).toBe('unclosed <Gather> at line 3, column 7 (Twilio 12100)');
    expect(
      twimlIssueText({ line: 1, column: 1, message: 'no root element', twilioCode: null }),
    ).toBe('no root element at line 1, column 1');
  });

  it("are reported at the flow's twiml, naming the file when there is one", () => {
    const parsed = parseTwiml('<?xml version="1.0"?>\n  <Reponse/>', 'flows/check.xml');
    expect(documentIssues('press-any-key', parsed, 'flows/check.xml')).toEqual([
      {
        path: '$.flows["press-any-key"].twiml',
        expected: 'a TwiML document',
        found:
          '"flows/check.xml": the root element must be <Response>, found <Reponse> at line 2, column 3 (Twilio 12102)',
      },
    ]);
    expect(documentIssues('gate', parseTwiml(GATE, 'inline:gate'))).toEqual([]);
  });

  it('an unreadable file names the flow (its JSON path), the file and why', () => {
    const [flow] = twimlFileFlows(flows);
    expect(unreadableDocumentIssue(flow!, 'flows/press-any-key.xml', 'no such file')).toEqual({
      path: '$.flows["press-any-key"].twiml',
      expected: 'a readable TwiML document (a .xml file, relative to the scenario file)',
      found: '"flows/press-any-key.xml" (no such file)',
    });
  });
});

describe('validation with a TwiML parser', () => {
  const input = {
    trials: 1,
    flows: { good: { twiml: GATE }, bad: { twiml: '\n<Respons><Hangup/></Respons>' } },
  };

  it("parses each inline document and reports its problems at the flow's twiml", () => {
    const result = validateScenario(input, { twimlParser: parseTwiml });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map(formatIssue)).toEqual([
      '$.flows.bad.twiml: expected a TwiML document, found the root element must be <Response>, found <Respons> at line 2, column 1 (Twilio 12102)',
    ]);
  });

  it('parses the documents only of a scenario that is otherwise valid', () => {
    const result = parseScenarioText(JSON.stringify({ ...input, trials: 0 }), {
      twimlParser: parseTwiml,
    });
    expect(result.ok ? [] : result.issues.map((i) => i.path)).toEqual(['$.trials']);
  });

  it('parses them with the TwiML parser when no other is given', () => {
    expect(validateScenario(input).ok).toBe(false);
  });
});
