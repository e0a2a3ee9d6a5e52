import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GatherVerb, TwimlIssue, TwimlVerb } from './document.ts';
import {
  LOOP_ZERO_CAP,
  MAX_TWIML_BYTES,
  MAX_TWIML_ISSUES,
  NOT_SIMULATED_VERBS,
  parseTwiml,
  TWIML_DEFAULTS,
} from './index.ts';

/** The verbs of a document that must parse. */
function verbsOf(xml: string): readonly TwimlVerb[] {
  const parsed = parseTwiml(xml, 'flows/test.xml');
  if (!parsed.ok) throw new Error(`expected a document, got ${JSON.stringify(parsed.issues)}`);
  return parsed.document.verbs;
}

/** The one verb of `<Response>…</Response>`. */
function verbOf(body: string): TwimlVerb {
  const verbs = verbsOf(`<Response>${body}</Response>`);
  expect(verbs).toHaveLength(1);
  return verbs[0]!;
}

/** The issues of a document that must be refused. */
function issuesOf(xml: string): readonly TwimlIssue[] {
  const parsed = parseTwiml(xml, 'flows/test.xml');
  if (parsed.ok) throw new Error(`expected issues, got ${JSON.stringify(parsed.document)}`);
  return parsed.issues;
}

/** The one issue of `<Response>…</Response>`. */
function issueOf(body: string): TwimlIssue {
  const issues = issuesOf(`<Response>${body}</Response>`);
  expect(issues).toHaveLength(1);
  return issues[0]!;
}

describe('parseTwiml: the document', () => {
  it('an empty <Response/> is a valid document with no verbs (the call hangs up)', () => {
    expect(parseTwiml('<Response/>', 'flows/empty.xml')).toEqual({
      ok: true,
      document: { source: 'flows/empty.xml', verbs: [] },
    });
  });

  it('an XML declaration, comments and white space around verbs are allowed', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<!-- menu -->\n<Response>\n  <Hangup/>\n</Response>\n';
    expect(verbsOf(xml)).toEqual([{ verb: 'Hangup', line: 4, column: 3 }]);
  });

  it('malformed XML is one issue, 12100, at the character where saxes stopped', () => {
    expect(issuesOf('<Response>\n  <Say loop=2>Hi</Say>\n</Response>')).toEqual([
      {
        line: 2,
        column: 13,
        message: 'the document is not well-formed XML: unquoted attribute value',
        twilioCode: 12100,
      },
    ]);
  });

  it('a close tag that does not match is shown at its <, with the one expected', () => {
    expect(issuesOf('<Response>\n  <Say>Hi</Response>')).toEqual([
      {
        line: 2,
        column: 10,
        message: 'the document is not well-formed XML: found </Response> where </Say> was expected',
        twilioCode: 12100,
      },
    ]);
  });

  it('an element never closed is shown at its start tag', () => {
    expect(issuesOf('<Response>\n  <Gather>\n    <Say>Hi</Say>\n')).toEqual([
      {
        line: 2,
        column: 3,
        message: 'the document is not well-formed XML: <Gather> is never closed',
        twilioCode: 12100,
      },
    ]);
  });

  it('only the XML error is reported when the XML is malformed', () => {
    const issues = issuesOf('<Response><Dial/><Say loop="x">a</Say><Say>&nbsp;</Say></Response>');
    expect(issues).toEqual([
      {
        line: 1,
        column: 49,
        message: 'the document is not well-formed XML: undefined entity',
        twilioCode: 12100,
      },
    ]);
  });

  it('a lone surrogate is not a character: 12100 at it (saxes would throw on it)', () => {
    expect(issuesOf('<Response>\n<!--\ud800--></Response>')).toEqual([
      {
        line: 2,
        column: 5,
        message:
          'the document is not well-formed XML: U+D800 (half of a surrogate pair) is not a character',
        twilioCode: 12100,
      },
    ]);
    expect(issuesOf('<Response><Say>\udbff\uffff</Say></Response>')[0]!.column).toBe(16);
  });

  it('an empty text has no root element (12100 at line 1, column 1)', () => {
    expect(issuesOf('')).toEqual([
      {
        line: 1,
        column: 1,
        message: 'the document is not well-formed XML: document must contain a root element',
        twilioCode: 12100,
      },
    ]);
  });

  it('a root other than Response is refused at its line (12102)', () => {
    expect(issuesOf('<?xml version="1.0"?>\n\n  <Reply><Say>Hi</Say></Reply>')).toEqual([
      {
        line: 3,
        column: 3,
        message: 'the root element must be <Response>, found <Reply>',
        twilioCode: 12102,
      },
    ]);
  });

  it('TwiML is case-sensitive: <response> is not the root', () => {
    expect(issuesOf('<response/>')[0]!.twilioCode).toBe(12102);
  });

  it(`a document over ${MAX_TWIML_BYTES} bytes of UTF-8 is refused unread (11750)`, () => {
    const frame = '<Response><Say></Say></Response>';
    const fits = `<Response><Say>${'a'.repeat(MAX_TWIML_BYTES - frame.length)}</Say></Response>`;
    expect(verbsOf(fits)).toHaveLength(1);
    // One 'é' in place of an 'a': one more byte, the same number of characters.
    const over = fits.replace('a', 'é');
    expect(over.length).toBe(MAX_TWIML_BYTES);
    expect(issuesOf(over)).toEqual([
      {
        line: 1,
        column: 1,
        message: `the document is ${MAX_TWIML_BYTES + 1} bytes; Twilio takes at most 64 kB (65536 bytes)`,
        twilioCode: 11750,
      },
    ]);
    expect(issuesOf(`<${'x'.repeat(10 * MAX_TWIML_BYTES)}`)[0]!.message).toBe(
      `the document is ${10 * MAX_TWIML_BYTES + 1} characters long; Twilio takes at most 64 kB (65536 bytes)`,
    );
  });

  it('lines end at LF, CRLF or CR, each counted once', () => {
    const verbs = verbsOf('<Response>\r\n<Hangup/>\r<Hangup/>\n\r\n  <Hangup/></Response>');
    expect(verbs.map((v) => [v.line, v.column])).toEqual([
      [2, 1],
      [3, 1],
      [5, 3],
    ]);
  });

  it('columns count UTF-16 code units, as editors do', () => {
    // 10 + 5 + 2 (the emoji) + 6 code units before <Dial/>.
    const issues = issuesOf('<Response><Say>😀</Say><Dial/></Response>');
    expect(issues.map((i) => [i.line, i.column])).toEqual([[1, 24]]);
  });

  it('all issues are collected, in document order', () => {
    const issues = issuesOf(
      '<Response>\n  <Dial/>\n  <Gather timout="3" numDigits="0"><Redirect>x</Redirect></Gather>\n</Response>',
    );
    expect(issues.map((i) => [i.line, i.column, i.twilioCode])).toEqual([
      [2, 3, null],
      [3, 11, 12200],
      [3, 22, 13314],
      [3, 36, 13320],
    ]);
  });

  it(`issues stop at ${MAX_TWIML_ISSUES}`, () => {
    const issues = issuesOf(`<Response>${'<Dial/>'.repeat(200)}</Response>`);
    expect(issues).toHaveLength(MAX_TWIML_ISSUES);
    expect(issues.at(-1)!.column).toBe(11 + (MAX_TWIML_ISSUES - 1) * 7);
  });

  it('nesting deeper than TwiML allows is one issue, at the element too deep', () => {
    expect(
      issuesOf('<Response><Gather><Say>a<Say>b<Say>c</Say></Say></Say></Gather></Response>'),
    ).toEqual([
      {
        line: 1,
        column: 25,
        message: '<Say> holds only text, found <Say>',
        twilioCode: 12200,
      },
    ]);
  });

  it('five thousand nested elements are read without recursion: one issue', () => {
    const depth = 5000;
    const xml = `<Response>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</Response>`;
    expect(issuesOf(xml)).toEqual([
      {
        line: 1,
        column: 11,
        message:
          '<a> is not a TwiML verb; the simulator runs Say, Play, Pause, Gather, Redirect, Hangup, Reject and Record',
        twilioCode: 12200,
      },
    ]);
  });
});

describe('parseTwiml: what Response holds', () => {
  it('text in <Response> is an issue at its first character', () => {
    expect(issueOf('\n  Hello <Hangup/>')).toEqual({
      line: 2,
      column: 3,
      message: '<Response> holds verbs only, found text "Hello"',
      twilioCode: 12200,
    });
  });

  it('an unknown element is "not a TwiML verb" (12200), with the closest name suggested', () => {
    expect(issueOf('<Gater/>')).toEqual({
      line: 1,
      column: 11,
      message:
        '<Gater> is not a TwiML verb (did you mean <Gather>?); the simulator runs Say, Play, Pause, Gather, Redirect, Hangup, Reject and Record',
      twilioCode: 12200,
    });
  });

  it('TwiML is case-sensitive: <say> is not <Say>', () => {
    expect(issueOf('<say>Hi</say>').message).toMatch(
      /^<say> is not a TwiML verb \(did you mean <Say>\?\)/,
    );
  });

  it('TwiML verbs the simulator does not run are named as such, with no Twilio code', () => {
    for (const name of NOT_SIMULATED_VERBS) {
      expect(issueOf(`<${name}/>`)).toEqual({
        line: 1,
        column: 11,
        message: `<${name}> is a TwiML verb the simulator does not run (the simulator runs Say, Play, Pause, Gather, Redirect, Hangup, Reject and Record)`,
        twilioCode: null,
      });
    }
  });

  it('an unknown attribute is an issue (12200) at the attribute, so typos are caught', () => {
    expect(issueOf('<Pause\n  lenght="2"/>')).toEqual({
      line: 2,
      column: 3,
      message: '<Pause lenght="2">: <Pause> has no attribute lenght (did you mean length?)',
      twilioCode: 12200,
    });
  });

  it('an unknown attribute with no close name lists the verb attributes', () => {
    expect(issueOf('<Say colour="red">Hi</Say>').message).toBe(
      '<Say colour="red">: <Say> has no attribute colour (it has voice, loop and language)',
    );
  });

  it('attributes on <Response> are unknown', () => {
    expect(issuesOf('<Response version="2010"/>')[0]!.message).toBe(
      '<Response version="2010">: <Response> has no attribute version',
    );
  });

  it('attributes Twilio has but the simulator does not model are accepted', () => {
    expect(
      verbsOf(
        '<Response><Gather hints="one, two" language="en-GB" bargeIn="true" speechTimeout="auto"/>' +
          '<Record transcribe="true" trim="do-not-trim" recordingStatusCallback="/cb"/></Response>',
      ),
    ).toHaveLength(2);
  });

  it('namespace declarations are not attributes', () => {
    expect(
      verbsOf('<Response xmlns="urn:x" xmlns:a="urn:a"><Hangup xmlns="urn:x"/></Response>'),
    ).toEqual([{ verb: 'Hangup', line: 1, column: 41 }]);
  });
});

describe('parseTwiml: <Say>', () => {
  it('Say text is kept with white space runs collapsed and placeholders verbatim', () => {
    expect(
      verbOf('<Say voice="Polly.Amy" language="en-GB">\n  Your code is\t{{Code}}.\n</Say>'),
    ).toEqual({
      verb: 'Say',
      line: 1,
      column: 11,
      text: 'Your code is {{Code}}.',
      loop: 1,
      voice: 'Polly.Amy',
      language: 'en-GB',
    });
  });

  it('entities and CDATA are text', () => {
    expect(verbOf('<Say>a &amp; b <![CDATA[<c>]]></Say>')).toMatchObject({ text: 'a & b <c>' });
  });

  it('voice and language are null when absent; loop defaults to 1', () => {
    expect(verbOf('<Say>Hi</Say>')).toMatchObject({ voice: null, language: null, loop: 1 });
  });

  it(`loop="0" repeats as many times as Twilio does: ${LOOP_ZERO_CAP}`, () => {
    expect(verbOf('<Say loop="0">Hi</Say>')).toMatchObject({ loop: 1000 });
  });

  it('loop must be a whole number ≥ 0 (13510)', () => {
    expect(issueOf('<Say loop="-1">Hi</Say>')).toEqual({
      line: 1,
      column: 16,
      message:
        '<Say loop="-1">: loop must be a whole number ≥ 0 (0 repeats it 1000 times), found "-1"',
      twilioCode: 13510,
    });
    expect(issueOf('<Say loop="1.5">Hi</Say>').twilioCode).toBe(13510);
    expect(issueOf('<Say loop=" 2">Hi</Say>').twilioCode).toBe(13510);
  });

  it('inside <Gather> a bad Say loop is Gather->Say (13322)', () => {
    expect(issueOf('<Gather><Say loop="x">Hi</Say></Gather>').twilioCode).toBe(13322);
  });

  it('a Say with no text is 13520', () => {
    expect(issueOf('<Say>  </Say>')).toEqual({
      line: 1,
      column: 11,
      message: '<Say> has no text to say',
      twilioCode: 13520,
    });
  });

  it('SSML inside Say is not simulated (no Twilio code); other elements are 12200', () => {
    expect(issueOf('<Say>Wait <break time="1s"/> now</Say>')).toEqual({
      line: 1,
      column: 21,
      message: '<Say> holds only text, found <break> (SSML is not simulated)',
      twilioCode: null,
    });
    expect(issueOf('<Say>Hi <Play>x</Play></Say>')).toMatchObject({
      message: '<Say> holds only text, found <Play>',
      twilioCode: 12200,
    });
  });

  it('a placeholder in a checked attribute is an issue: it cannot be checked', () => {
    expect(issueOf('<Say voice="{{Voice}}">Hi</Say>')).toEqual({
      line: 1,
      column: 16,
      message:
        '<Say voice="{{Voice}}">: voice holds a placeholder, which is filled per call and so cannot be checked; placeholders are filled only in text and URLs (action, Play and Redirect URLs)',
      twilioCode: null,
    });
  });
});

describe('parseTwiml: <Play>', () => {
  it('Play plays the media URL in its text, loop defaults to 1', () => {
    expect(verbOf('<Play>\n https://example.com/{{Lang}}/tone.wav \n</Play>')).toEqual({
      verb: 'Play',
      line: 1,
      column: 11,
      url: 'https://example.com/{{Lang}}/tone.wav',
      digits: null,
      loop: 1,
    });
  });

  it('Play digits are keys 0–9, A–D, * and #, with w waits; W (1 s) is written ww', () => {
    expect(verbOf('<Play digits="0123456789ABCD*#w" loop="2"/>')).toMatchObject({
      url: null,
      digits: '0123456789ABCD*#w',
      loop: 2,
    });
    expect(verbOf('<Play digits="W1"/>')).toMatchObject({ digits: 'ww1' });
  });

  it('Play digits with another character are 13430', () => {
    expect(issueOf('<Play digits="12x"/>')).toEqual({
      line: 1,
      column: 17,
      message:
        '<Play digits="12x">: digits must be DTMF keys 0–9, A–D, * or #, with w (0.5 s) or W (1 s) waits, found "12x"',
      twilioCode: 13430,
    });
    expect(issueOf('<Play digits=""/>').twilioCode).toBe(13430);
  });

  it('Play needs a media URL or digits', () => {
    expect(issueOf('<Play/>')).toEqual({
      line: 1,
      column: 11,
      message: '<Play> needs a media URL as its text or a digits attribute',
      twilioCode: 12200,
    });
  });

  it('Play takes a media URL or digits, not both', () => {
    expect(issueOf('<Play digits="1">tone.wav</Play>').message).toBe(
      '<Play> has both a media URL ("tone.wav") and digits; give one',
    );
  });

  it(`Play loop="0" is ${LOOP_ZERO_CAP}; a loop below 0 is 13410`, () => {
    expect(verbOf('<Play loop="0">a.wav</Play>')).toMatchObject({ loop: LOOP_ZERO_CAP });
    expect(issueOf('<Play loop="-2">a.wav</Play>').twilioCode).toBe(13410);
  });
});

describe('parseTwiml: <Pause>', () => {
  it('Pause length defaults to 1 second', () => {
    expect(verbOf('<Pause/>')).toEqual({ verb: 'Pause', line: 1, column: 11, lengthSeconds: 1 });
    expect(verbOf('<Pause length="7"/>')).toMatchObject({ lengthSeconds: 7 });
  });

  it('Pause length must be a whole number of seconds ≥ 1 (13910)', () => {
    expect(issueOf('<Pause length="0"/>')).toEqual({
      line: 1,
      column: 18,
      message: '<Pause length="0">: length must be a whole number of seconds ≥ 1, found "0"',
      twilioCode: 13910,
    });
  });

  it('Pause holds nothing', () => {
    expect(issueOf('<Pause>wait</Pause>')).toEqual({
      line: 1,
      column: 18,
      message: '<Pause> holds nothing, found text "wait"',
      twilioCode: 12200,
    });
  });
});

describe('parseTwiml: <Gather>', () => {
  const gatherOf = (xml: string) => verbOf(xml) as GatherVerb;

  it("a bare Gather takes Twilio's defaults", () => {
    expect(gatherOf('<Gather/>')).toEqual({
      verb: 'Gather',
      line: 1,
      column: 11,
      ...TWIML_DEFAULTS.gather,
      children: [],
    });
    expect(TWIML_DEFAULTS.gather).toEqual({
      input: 'dtmf',
      action: null,
      method: 'POST',
      timeoutSeconds: 5,
      finishOnKey: '#',
      numDigits: null,
      actionOnEmptyResult: false,
    });
  });

  it('finishOnKey defaults to #', () => {
    expect(gatherOf('<Gather/>').finishOnKey).toBe('#');
  });

  it('an empty finishOnKey disables it', () => {
    expect(gatherOf('<Gather finishOnKey=""/>').finishOnKey).toBe('');
  });

  it('finishOnKey is one key of 0–9, * or # (13310)', () => {
    expect(gatherOf('<Gather finishOnKey="*"/>').finishOnKey).toBe('*');
    expect(issueOf('<Gather finishOnKey="12"/>')).toEqual({
      line: 1,
      column: 19,
      message:
        '<Gather finishOnKey="12">: finishOnKey must be one key of 0–9, * or #, or empty to disable it, found "12"',
      twilioCode: 13310,
    });
  });

  it('numDigits must be a whole number of keys ≥ 1 (13314)', () => {
    expect(gatherOf('<Gather numDigits="6"/>').numDigits).toBe(6);
    expect(issueOf('<Gather numDigits="abc">\n</Gather>')).toEqual({
      line: 1,
      column: 19,
      message:
        '<Gather numDigits="abc">: numDigits must be a whole number of keys ≥ 1, found "abc"',
      twilioCode: 13314,
    });
  });

  it('timeout is a whole number of seconds ≥ 1 (13313)', () => {
    expect(gatherOf('<Gather timeout="10"/>').timeoutSeconds).toBe(10);
    expect(issueOf('<Gather timeout="0"/>').twilioCode).toBe(13313);
    expect(issueOf('<Gather timeout="auto"/>').twilioCode).toBe(13313);
  });

  it('input is dtmf, speech, or both in either order', () => {
    expect(gatherOf('<Gather input="speech"/>').input).toBe('speech');
    expect(gatherOf('<Gather input="dtmf speech"/>').input).toBe('dtmf speech');
    expect(gatherOf('<Gather input="speech dtmf"/>').input).toBe('dtmf speech');
    expect(issueOf('<Gather input="keys"/>')).toMatchObject({
      message: '<Gather input="keys">: input must be dtmf, speech, or dtmf speech, found "keys"',
      twilioCode: 12200,
    });
  });

  it('method is GET or POST as written (13312)', () => {
    expect(gatherOf('<Gather method="GET"/>').method).toBe('GET');
    expect(issueOf('<Gather method="get"/>')).toMatchObject({
      message: '<Gather method="get">: method must be GET or POST, found "get"',
      twilioCode: 13312,
    });
  });

  it('actionOnEmptyResult is true or false (13338)', () => {
    expect(gatherOf('<Gather actionOnEmptyResult="true"/>').actionOnEmptyResult).toBe(true);
    expect(issueOf('<Gather actionOnEmptyResult="yes"/>').twilioCode).toBe(13338);
  });

  it('action is kept as written, placeholders and all', () => {
    expect(gatherOf('<Gather action="check.xml?user={{From}}"/>').action).toBe(
      'check.xml?user={{From}}',
    );
  });

  it('Gather holds Say, Play and Pause, in order', () => {
    const gather = gatherOf(
      '<Gather numDigits="1">\n  <Say>Press a key</Say>\n  <Pause/>\n  <Play digits="1"/>\n</Gather>',
    );
    expect(gather.children.map((c) => [c.verb, c.line, c.column])).toEqual([
      ['Say', 2, 3],
      ['Pause', 3, 3],
      ['Play', 4, 3],
    ]);
  });

  it('Gather may hold only Say, Play and Pause (13320)', () => {
    expect(issueOf('<Gather>\n  <Redirect>x.xml</Redirect>\n</Gather>')).toEqual({
      line: 2,
      column: 3,
      message: '<Gather> may hold only Say, Play and Pause, found <Redirect>',
      twilioCode: 13320,
    });
    expect(issueOf('<Gather><Gather/></Gather>').twilioCode).toBe(13320);
  });

  it('text inside Gather is an issue at its first character', () => {
    expect(issueOf('<Gather> press 1 </Gather>')).toEqual({
      line: 1,
      column: 20,
      message: '<Gather> holds only Say, Play and Pause, found text "press 1"',
      twilioCode: 12200,
    });
  });

  it('a number holding a placeholder is an issue: it is not known until the call', () => {
    expect(issueOf('<Gather numDigits="{{ Length }}"/>')).toMatchObject({
      line: 1,
      column: 19,
      twilioCode: null,
    });
  });
});

describe('parseTwiml: <Redirect>, <Hangup>, <Reject>', () => {
  it('Redirect goes to the URL in its text, by POST unless method says GET', () => {
    expect(verbOf('<Redirect>\n  flows/next.xml?from={{From}}\n</Redirect>')).toEqual({
      verb: 'Redirect',
      line: 1,
      column: 11,
      url: 'flows/next.xml?from={{From}}',
      method: 'POST',
    });
    expect(verbOf('<Redirect method="GET">x.xml</Redirect>')).toMatchObject({ method: 'GET' });
  });

  it('a Redirect without a URL is an issue', () => {
    expect(issueOf('<Redirect/>')).toEqual({
      line: 1,
      column: 11,
      message: '<Redirect> needs the URL of the next document as its text',
      twilioCode: 12200,
    });
  });

  it('Redirect method is GET or POST (13710)', () => {
    expect(issueOf('<Redirect method="PUT">x.xml</Redirect>').twilioCode).toBe(13710);
  });

  it('Hangup has no attributes and holds nothing', () => {
    expect(issueOf('<Hangup reason="x"/>').message).toBe(
      '<Hangup reason="x">: <Hangup> has no attribute reason',
    );
    expect(issueOf('<Hangup><Say>x</Say></Hangup>')).toMatchObject({
      column: 19,
      message: '<Hangup> holds nothing, found <Say>',
    });
  });

  it('Reject reason defaults to rejected; busy is the other', () => {
    expect(verbOf('<Reject/>')).toEqual({
      verb: 'Reject',
      line: 1,
      column: 11,
      reason: 'rejected',
    });
    expect(verbOf('<Reject reason="busy"/>')).toMatchObject({ reason: 'busy' });
  });

  it('Reject reason other than rejected or busy is an issue', () => {
    expect(issueOf('<Reject reason="no-answer"/>')).toEqual({
      line: 1,
      column: 19,
      message: '<Reject reason="no-answer">: reason must be rejected or busy, found "no-answer"',
      twilioCode: 12200,
    });
  });
});

describe('parseTwiml: <Record>', () => {
  it("a bare Record takes Twilio's defaults", () => {
    expect(verbOf('<Record/>')).toEqual({
      verb: 'Record',
      line: 1,
      column: 11,
      maxLengthSeconds: 3600,
      timeoutSeconds: 5,
      finishOnKey: '1234567890*#',
      playBeep: true,
      action: null,
      method: 'POST',
    });
  });

  it('Record attributes are read', () => {
    expect(
      verbOf(
        '<Record maxLength="30" timeout="2" finishOnKey="#" playBeep="false" action="done.xml" method="GET"/>',
      ),
    ).toMatchObject({
      maxLengthSeconds: 30,
      timeoutSeconds: 2,
      finishOnKey: '#',
      playBeep: false,
      action: 'done.xml',
      method: 'GET',
    });
  });

  it('maxLength is 1 to 86400 seconds (13612)', () => {
    expect(verbOf('<Record maxLength="86400"/>')).toMatchObject({ maxLengthSeconds: 86_400 });
    expect(issueOf('<Record maxLength="86401"/>')).toMatchObject({
      message:
        '<Record maxLength="86401">: maxLength must be a whole number of seconds from 1 to 86400, found "86401"',
      twilioCode: 13612,
    });
  });

  it('Record timeout is a whole number of seconds ≥ 1 (13611)', () => {
    expect(issueOf('<Record timeout="0"/>').twilioCode).toBe(13611);
  });

  it('Record finishOnKey is any keys of 0–9, * and #, or empty (13613)', () => {
    expect(verbOf('<Record finishOnKey=""/>')).toMatchObject({ finishOnKey: '' });
    expect(issueOf('<Record finishOnKey="#A"/>').twilioCode).toBe(13613);
  });

  it('playBeep is true or false (13616); method GET or POST (13610)', () => {
    expect(issueOf('<Record playBeep="TRUE"/>').twilioCode).toBe(13616);
    expect(issueOf('<Record method="post"/>').twilioCode).toBe(13610);
  });

  it('Record holds nothing', () => {
    expect(issueOf('<Record>x</Record>').message).toBe('<Record> holds nothing, found text "x"');
  });
});

describe('parseTwiml: any input', () => {
  /** An answer parseTwiml may give for `text`. */
  function expectWellFormedAnswer(text: string): void {
    const parsed = parseTwiml(text, 'fuzz.xml');
    if (parsed.ok) {
      expect(parsed.document.source).toBe('fuzz.xml');
      return;
    }
    const lines = text.split(/\r\n|\r|\n/);
    expect(parsed.issues.length).toBeGreaterThan(0);
    expect(parsed.issues.length).toBeLessThanOrEqual(MAX_TWIML_ISSUES);
    for (const issue of parsed.issues) {
      expect(issue.message.length).toBeGreaterThan(0);
      expect(issue.line).toBeGreaterThanOrEqual(1);
      expect(issue.line).toBeLessThanOrEqual(lines.length);
      expect(issue.column).toBeGreaterThanOrEqual(1);
      expect(issue.column).toBeLessThanOrEqual(lines[issue.line - 1]!.length + 1);
    }
  }

  it('arbitrary strings give a document or issues inside the text, never a throw', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), expectWellFormedAnswer), {
      numRuns: 2000,
    });
  });

  it('TwiML-like token soup gives a document or issues inside the text, never a throw', () => {
    const token = fc.constantFrom(
      '<Response>',
      '</Response>',
      '<Response/>',
      '<Say>',
      '</Say>',
      '<Gather numDigits="1">',
      '<Gather finishOnKey="">',
      '</Gather>',
      '<Play digits="1w">',
      '</Play>',
      '<Pause length="2"/>',
      '<Redirect>',
      '</Redirect>',
      '<Record/>',
      '<Reject reason="busy"/>',
      '<Hangup/>',
      '<Dial>',
      '<x y="',
      '"',
      "'",
      '>',
      '/>',
      '<',
      '&amp;',
      '&#x1F600;',
      '&bogus;',
      '<![CDATA[',
      ']]>',
      '<!--',
      '-->',
      '<?xml version="1.0"?>',
      '{{Name}}',
      'text',
      ' ',
      '\n',
      '\r\n',
      '\r',
      '\ud800',
      '\udc00',
      '\udbff\uffff',
      '\u0000',
      '😀',
    );
    fc.assert(
      fc.property(
        fc.array(token, { maxLength: 40 }).map((parts) => parts.join('')),
        expectWellFormedAnswer,
      ),
      { numRuns: 3000 },
    );
  });

  it('valid documents built from the verbs parse to as many verbs as written', () => {
    const verb = fc.constantFrom(
      '<Say>Hi {{From}}</Say>',
      '<Play loop="0">a.wav</Play>',
      '<Pause length="3"/>',
      '<Gather numDigits="4"><Say>Code</Say><Pause/></Gather>',
      '<Redirect method="GET">next.xml</Redirect>',
      '<Hangup/>',
      '<Reject reason="busy"/>',
      '<Record maxLength="20"/>',
    );
    fc.assert(
      fc.property(
        fc.array(verb, { maxLength: 20 }),
        fc.constantFrom('', '\n', '\r\n  '),
        (verbs, gap) => {
          const parsed = verbsOf(`<Response>${gap}${verbs.join(gap)}${gap}</Response>`);
          expect(parsed).toHaveLength(verbs.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
