import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../scenario/index.ts';
import { callTrace } from '../../sim/callTrace.ts';
import { replayTrial } from '../../sim/replay.ts';
import { compiledWith, scenarioWith } from '../../sim/testing/scenarioWith.ts';
import { parseTwiml } from '../../twiml/index.ts';
import {
  parseInlineDocuments,
  twimlDiagram,
  verbIndexAt,
  verbRowKeys,
  verbSummary,
} from './twimlDiagram.ts';

const GATE =
  '<Response>\n  <Gather numDigits="1" finishOnKey="" timeout="15" action="inline:read-code">\n    <Say>Press any key to continue.</Say>\n  </Gather>\n  <Say>Goodbye.</Say>\n</Response>';
const READ_CODE =
  '<Response><Say>Your code is {{Code}}.</Say><Pause/><Say>Again, {{Code}}.</Say><Hangup/></Response>';

const FLOWS = {
  strategies: ['gate'],
  flows: {
    gate: { twiml: GATE },
    'read-code': { twiml: READ_CODE },
    check: { twiml: '<Response><Redirect>inline:key-{{Digits}}?x=1</Redirect></Response>' },
    'key-1': { twiml: '<Response><Say>One</Say></Response>' },
    'key-2': { twiml: '<Response><Say>Two</Say></Response>' },
  },
} as ScenarioInput;

const { flows } = scenarioWith(FLOWS);
const documents = parseInlineDocuments(flows);

describe('parseInlineDocuments', () => {
  it('parses each inline document under its key, leaving out one that does not parse', () => {
    const broken = { ...flows['key-1']!, twiml: '<Response><Say>never closed</Response>' };
    expect([...parseInlineDocuments({ ...flows, broken }).keys()]).toEqual([
      'inline:gate',
      'inline:read-code',
      'inline:check',
      'inline:key-1',
      'inline:key-2',
    ]);
  });
});

describe('twimlDiagram', () => {
  it('lists the first document, then those its actions lead to, each verb with its line', () => {
    const diagram = twimlDiagram('gate', documents);
    expect(diagram.documents.map((d) => [d.source, d.known])).toEqual([
      ['inline:gate', true],
      ['inline:read-code', true],
    ]);
    expect(diagram.documents[0]!.rows).toEqual([
      {
        key: 'inline:gate#0',
        verb: 'Gather',
        line: 2,
        column: 3,
        depth: 0,
        parentKey: null,
        summary: '1 key, no finish key, waits 15 s, then inline:read-code',
      },
      {
        key: 'inline:gate#1',
        verb: 'Say',
        line: 3,
        column: 5,
        depth: 1,
        parentKey: 'inline:gate#0',
        summary: '"Press any key to continue."',
      },
      {
        key: 'inline:gate#2',
        verb: 'Say',
        line: 5,
        column: 3,
        depth: 0,
        parentKey: null,
        summary: '"Goodbye."',
      },
    ]);
    expect(diagram.documents[1]!.rows.map((r) => [r.verb, r.line, r.column, r.summary])).toEqual([
      ['Say', 1, 11, '"Your code is {{Code}}."'],
      ['Pause', 1, 44, '1 s of silence'],
      ['Say', 1, 52, '"Again, {{Code}}."'],
      ['Hangup', 1, 79, 'ends the call'],
    ]);
  });

  it('follows a URL with a placeholder to every document it can become', () => {
    const diagram = twimlDiagram('check', documents);
    expect(diagram.documents.map((d) => d.source)).toEqual([
      'inline:check',
      'inline:key-1',
      'inline:key-2',
    ]);
  });

  it('adds a document a call fetched that the scenario does not hold, without its verbs', () => {
    const diagram = twimlDiagram('key-1', documents, [
      'inline:key-1',
      'https://example.com/voice?step=2',
    ]);
    expect(diagram.documents).toEqual([
      expect.objectContaining({ source: 'inline:key-1', known: true }),
      { source: 'https://example.com/voice', rows: [], known: false },
    ]);
  });
});

describe('verbSummary', () => {
  const verbs = (text: string) => {
    const parsed = parseTwiml(`<Response>${text}</Response>`, 'inline:x');
    if (!parsed.ok) throw new Error(parsed.issues[0]!.message);
    return parsed.document.verbs.map(verbSummary);
  };

  it('says each verb in a few words, leaving defaults unsaid', () => {
    expect(
      verbs(
        '<Say loop="2">Hi</Say><Play digits="1w2"/><Play loop="3">https://e.x/a.mp3</Play>' +
          '<Gather input="speech" actionOnEmptyResult="true" method="GET"/>' +
          '<Redirect method="GET">next.xml</Redirect><Record playBeep="false" maxLength="30"/><Reject reason="busy"/>',
      ),
    ).toEqual([
      '"Hi" (twice)',
      'keys 1w2',
      'media https://e.x/a.mp3 (3 times)',
      'input speech, finish on #, waits 5 s, then this document by GET, even with no key',
      'to next.xml by GET',
      'records, up to 30 s, stops after 5 s of silence, then this document',
      'refuses the call (busy)',
    ]);
  });

  it('cuts a long text to 60 characters', () => {
    const [summary] = verbs(`<Say>${'word '.repeat(20)}</Say>`);
    expect(summary).toBe(`"${'word '.repeat(11)}word…"`);
  });
});

describe('verbRowKeys and verbIndexAt', () => {
  const compiled = compiledWith(FLOWS);
  const trace = callTrace(replayTrial(compiled, 'gate', 'legit', 0), 0);
  const diagram = twimlDiagram('gate', documents);

  it('finds the row of each verb the call ran, telling two alike on one line apart by order', () => {
    expect(trace.verbs.map((v) => [v.source, v.verb, v.line])).toEqual([
      ['inline:gate', 'Gather', 2],
      ['inline:gate', 'Say', 3],
      ['inline:read-code', 'Say', 1],
      ['inline:read-code', 'Pause', 1],
      ['inline:read-code', 'Say', 1],
      ['inline:read-code', 'Hangup', 1],
    ]);
    expect(verbRowKeys(trace.events, diagram)).toEqual([
      'inline:gate#0',
      'inline:gate#1',
      'inline:read-code#0',
      'inline:read-code#1',
      'inline:read-code#2',
      'inline:read-code#3',
    ]);
  });

  it('lights the last verb started at or before the playhead, none while ringing or after the call', () => {
    const [gather, prompt, code] = trace.verbs;
    expect(gather!.startMs).toBe(6000);
    expect(verbIndexAt(trace, 5999)).toBe(-1);
    // The Gather starts its nested Say at once: the Say is the verb running.
    expect(verbIndexAt(trace, 6000)).toBe(1);
    expect(verbIndexAt(trace, code!.startMs - 1)).toBe(1);
    expect(prompt!.endMs).toBe(code!.startMs);
    expect(verbIndexAt(trace, code!.startMs)).toBe(2);
    expect(verbIndexAt(trace, trace.endMs)).toBe(5);
    expect(verbIndexAt(trace, trace.endMs + 1)).toBe(-1);
  });
});
