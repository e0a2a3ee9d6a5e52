/**
 * The verbs of a `<Response>`: each element checked against the TwiML reference (its attributes,
 * what it may hold) and turned into its typed verb with every attribute resolved. The attribute
 * names each verb has are those of Twilio's own TwiML builder, generated from Twilio's TwiML
 * schema (twilio-node 6.2, src/twiml/VoiceResponse.ts,
 * https://github.com/twilio/twilio-node/blob/main/src/twiml/VoiceResponse.ts); an attribute the
 * simulator does not model (a speech hint, a recording callback) is accepted and ignored.
 */
import {
  type ElementContext,
  readBoolean,
  readChoice,
  readInteger,
  readMethod,
  readPattern,
  readText,
  readUrl,
  reportUnknownAttributes,
  closest,
} from './attributes.ts';
import { LOOP_ZERO_CAP, RECORD_MAX_LENGTH_LIMIT, TWIML_DEFAULTS } from './defaults.ts';
import type {
  GatherChild,
  GatherVerb,
  HangupVerb,
  PauseVerb,
  PlayVerb,
  RecordVerb,
  RedirectVerb,
  RejectVerb,
  SayVerb,
  SourcePosition,
  TwimlVerb,
  TwimlVerbName,
} from './document.ts';
import { type TwimlIssues, listed, quoted } from './issues.ts';
import type { RawElement } from './rawTree.ts';
import type { SourceText } from './sourceText.ts';
import { TWILIO_CODES } from './twilioCodes.ts';

/** The verbs the simulator runs, in the order the README lists them. */
export const SIMULATED_VERBS: readonly TwimlVerbName[] = [
  'Say',
  'Play',
  'Pause',
  'Gather',
  'Redirect',
  'Hangup',
  'Reject',
  'Record',
];

/**
 * TwiML's other voice verbs (and nouns written at the top level): Twilio runs them, the simulator
 * does not (https://www.twilio.com/docs/voice/twiml; twilio-node's VoiceResponse). `<Message>` is
 * the messaging verb, named so that it gets this message rather than "unknown".
 */
export const NOT_SIMULATED_VERBS: readonly string[] = [
  'Connect',
  'Dial',
  'Echo',
  'Enqueue',
  'Leave',
  'Message',
  'Pay',
  'Prompt',
  'Queue',
  'Refer',
  'Sms',
  'Start',
  'Stop',
  'Stream',
];

/** What `<Gather>` may hold (https://www.twilio.com/docs/voice/twiml/pause: "nest … within <Gather>"). */
const GATHER_CHILDREN: readonly TwimlVerbName[] = ['Say', 'Play', 'Pause'];

/** SSML elements `<Say>` may hold on Twilio (twilio-node's `Say`: break, emphasis, lang, …). */
const SSML_ELEMENTS: readonly string[] = [
  'break',
  'emphasis',
  'lang',
  'p',
  'phoneme',
  'prosody',
  's',
  'say-as',
  'sub',
  'w',
  'amazon:domain',
  'amazon:effect',
];

/** Each verb's attributes (twilio-node's `…Attributes` interfaces). */
const ATTRIBUTES: Readonly<Record<TwimlVerbName, readonly string[]>> = {
  Say: ['voice', 'loop', 'language'],
  Play: ['loop', 'digits'],
  Pause: ['length'],
  Gather: [
    'action',
    'actionOnEmptyResult',
    'bargeIn',
    'debug',
    'enhanced',
    'finishOnKey',
    'hints',
    'input',
    'language',
    'maxSpeechTime',
    'method',
    'numDigits',
    'partialResultCallback',
    'partialResultCallbackMethod',
    'profanityFilter',
    'speechModel',
    'speechTimeout',
    'timeout',
  ],
  Redirect: ['method'],
  Hangup: [],
  Reject: ['reason'],
  Record: [
    'action',
    'finishOnKey',
    'maxLength',
    'method',
    'playBeep',
    'recordingConfigurationId',
    'recordingStatusCallback',
    'recordingStatusCallbackEvent',
    'recordingStatusCallbackMethod',
    'timeout',
    'transcribe',
    'transcribeCallback',
    'trim',
  ],
};

/** One key of 0–9, `*`, `#` (https://www.twilio.com/docs/api/errors/13310), or '' (disabled). */
const GATHER_FINISH_KEY = /^[0-9*#]?$/;
/** Keys of 0–9, `*`, `#` (https://www.twilio.com/docs/api/errors/13613); '' ends on no key. */
const RECORD_FINISH_KEYS = /^[0-9*#]*$/;
/** "0123456789ABCD*#wW" (https://www.twilio.com/docs/api/errors/13430). */
const PLAY_DIGITS = /^[0-9A-D*#wW]+$/;

/** Where the verbs' issues go and how their positions are written. */
export interface VerbContext {
  readonly source: SourceText;
  readonly issues: TwimlIssues;
}

/** The verbs of `response`, in order; an element that is not a verb the simulator runs is an issue. */
export function readResponseVerbs(response: RawElement, context: VerbContext): TwimlVerb[] {
  const { issues } = context;
  reportUnknownAttributes({ element: response, issues }, []);
  reportText(response, issues, 'verbs only');
  const verbs: TwimlVerb[] = [];
  for (const child of response.children) {
    const verb = readVerb(child, context);
    if (verb) verbs.push(verb);
  }
  return verbs;
}

function readVerb(element: RawElement, context: VerbContext): TwimlVerb | null {
  switch (element.name) {
    case 'Say':
      return readSay(element, context, false);
    case 'Play':
      return readPlay(element, context);
    case 'Pause':
      return readPause(element, context);
    case 'Gather':
      return readGather(element, context);
    case 'Redirect':
      return readRedirect(element, context);
    case 'Hangup':
      return readHangup(element, context);
    case 'Reject':
      return readReject(element, context);
    case 'Record':
      return readRecord(element, context);
    default:
      reportNotAVerb(element, context.issues);
      return null;
  }
}

function reportNotAVerb(element: RawElement, issues: TwimlIssues): void {
  const runs = `the simulator runs ${listed(SIMULATED_VERBS)}`;
  if (NOT_SIMULATED_VERBS.includes(element.name)) {
    issues.atElement(
      element,
      () => `<${element.name}> is a TwiML verb the simulator does not run (${runs})`,
      null,
    );
    return;
  }
  const guess = closest(element.name, [...SIMULATED_VERBS, ...NOT_SIMULATED_VERBS]);
  issues.atElement(
    element,
    () =>
      `<${element.name}> is not a TwiML verb${guess ? ` (did you mean <${guess}>?)` : ''}; ${runs}`,
    TWILIO_CODES.schemaWarning,
  );
}

function readSay(element: RawElement, context: VerbContext, inGather: boolean): SayVerb {
  const attributes = checked(element, context, 'Say');
  const loopCode = inGather ? TWILIO_CODES.gatherSayLoop : TWILIO_CODES.sayLoop;
  const verb: SayVerb = {
    verb: 'Say',
    ...at(element, context),
    text: collapseSpace(element.text),
    loop: readLoop(attributes, loopCode, TWIML_DEFAULTS.say.loop),
    voice: readText(attributes, 'voice') ?? null,
    language: readText(attributes, 'language') ?? null,
  };
  if (verb.text === '') {
    context.issues.atElement(element, () => '<Say> has no text to say', TWILIO_CODES.sayText);
  }
  reportChildren(element, context.issues, 'only text', (child) =>
    SSML_ELEMENTS.includes(child.name) ? ' (SSML is not simulated)' : '',
  );
  return verb;
}

/**
 * `<Play>`: a media URL as its text, or DTMF `digits`. `W` (a one-second wait, 13430) is written
 * `ww` in the model, whose digits use only `w` (0.5 s; https://www.twilio.com/docs/voice/twiml/play).
 */
function readPlay(element: RawElement, context: VerbContext): PlayVerb {
  const attributes = checked(element, context, 'Play');
  const digits = readPattern(attributes, 'digits', PLAY_DIGITS, {
    expected: 'DTMF keys 0–9, A–D, * or #, with w (0.5 s) or W (1 s) waits',
    code: TWILIO_CODES.playDigits,
  });
  const loop = readLoop(attributes, TWILIO_CODES.playLoop, TWIML_DEFAULTS.play.loop);
  const url = collapseSpace(element.text);
  const hasDigits = element.attributes.has('digits');
  if (hasDigits && url !== '') {
    context.issues.atElement(
      element,
      () => `<Play> has both a media URL (${quoted(url)}) and digits; give one`,
      TWILIO_CODES.schemaWarning,
    );
  } else if (!hasDigits && url === '') {
    context.issues.atElement(
      element,
      () => '<Play> needs a media URL as its text or a digits attribute',
      TWILIO_CODES.schemaWarning,
    );
  }
  reportChildren(element, context.issues, 'only a media URL');
  return {
    verb: 'Play',
    ...at(element, context),
    url: hasDigits ? null : url,
    digits: hasDigits ? (digits ?? '').replaceAll('W', 'ww') : null,
    loop,
  };
}

/** `<Pause length>`: "integer > 0" (https://www.twilio.com/docs/voice/twiml/pause). */
function readPause(element: RawElement, context: VerbContext): PauseVerb {
  const attributes = checked(element, context, 'Pause');
  const lengthSeconds = readInteger(attributes, 'length', {
    min: 1,
    expected: 'a whole number of seconds ≥ 1',
    code: TWILIO_CODES.pauseLength,
  });
  reportContent(element, context.issues);
  return {
    verb: 'Pause',
    ...at(element, context),
    lengthSeconds: lengthSeconds ?? TWIML_DEFAULTS.pause.lengthSeconds,
  };
}

/**
 * `<Gather>`: https://www.twilio.com/docs/voice/twiml/gather. `timeout` is a positive integer
 * (13313, https://www.twilio.com/docs/api/errors/13313): `0` and `auto` are refused (`auto` is a
 * value of `speechTimeout`, which the simulator accepts and ignores: its callers only press keys).
 */
function readGather(element: RawElement, context: VerbContext): GatherVerb {
  const attributes = checked(element, context, 'Gather');
  const defaults = TWIML_DEFAULTS.gather;
  const gather: Omit<GatherVerb, 'children'> = {
    verb: 'Gather',
    ...at(element, context),
    input: readGatherInput(attributes) ?? defaults.input,
    numDigits:
      readInteger(attributes, 'numDigits', {
        min: 1,
        expected: 'a whole number of keys ≥ 1',
        code: TWILIO_CODES.gatherNumDigits,
      }) ?? defaults.numDigits,
    timeoutSeconds:
      readInteger(attributes, 'timeout', {
        min: 1,
        expected: 'a whole number of seconds ≥ 1',
        code: TWILIO_CODES.gatherTimeout,
      }) ?? defaults.timeoutSeconds,
    finishOnKey:
      readPattern(attributes, 'finishOnKey', GATHER_FINISH_KEY, {
        expected: 'one key of 0–9, * or #, or empty to disable it',
        code: TWILIO_CODES.gatherFinishOnKey,
      }) ?? defaults.finishOnKey,
    action: readUrl(attributes, 'action') ?? defaults.action,
    method: readMethod(attributes, 'method', TWILIO_CODES.gatherMethod) ?? defaults.method,
    actionOnEmptyResult:
      readBoolean(attributes, 'actionOnEmptyResult', TWILIO_CODES.gatherActionOnEmptyResult) ??
      defaults.actionOnEmptyResult,
  };
  reportText(element, context.issues, `only ${listed(GATHER_CHILDREN)}`);
  return { ...gather, children: readGatherChildren(element, context) };
}

/** Say, Play and Pause; anything else is Twilio's 13320. */
function readGatherChildren(element: RawElement, context: VerbContext): GatherChild[] {
  const children: GatherChild[] = [];
  for (const child of element.children) {
    if (child.name === 'Say') children.push(readSay(child, context, true));
    else if (child.name === 'Play') children.push(readPlay(child, context));
    else if (child.name === 'Pause') children.push(readPause(child, context));
    else {
      context.issues.atElement(
        child,
        () => `<Gather> may hold only ${listed(GATHER_CHILDREN)}, found <${child.name}>`,
        TWILIO_CODES.gatherNestedVerb,
      );
    }
  }
  return children;
}

/**
 * `input`: "dtmf, speech, dtmf speech" (https://www.twilio.com/docs/voice/twiml/gather); the
 * reference's own example writes `speech dtmf`, so the two words may come in either order.
 * Twilio has no code of its own for a wrong value.
 */
function readGatherInput(context: ElementContext): GatherVerb['input'] | undefined {
  const value = readPattern(context, 'input', /^(?:dtmf|speech|dtmf speech|speech dtmf)$/, {
    expected: 'dtmf, speech, or dtmf speech',
    code: TWILIO_CODES.schemaWarning,
  });
  if (value === undefined) return undefined;
  return value.includes(' ') ? 'dtmf speech' : (value as 'dtmf' | 'speech');
}

/** `<Redirect>`: its text is the URL (https://www.twilio.com/docs/voice/twiml/redirect). */
function readRedirect(element: RawElement, context: VerbContext): RedirectVerb {
  const attributes = checked(element, context, 'Redirect');
  const verb: RedirectVerb = {
    verb: 'Redirect',
    ...at(element, context),
    url: collapseSpace(element.text),
    method:
      readMethod(attributes, 'method', TWILIO_CODES.redirectMethod) ??
      TWIML_DEFAULTS.redirect.method,
  };
  if (verb.url === '') {
    context.issues.atElement(
      element,
      () => '<Redirect> needs the URL of the next document as its text',
      TWILIO_CODES.schemaWarning,
    );
  }
  reportChildren(element, context.issues, 'only a URL');
  return verb;
}

/** `<Hangup>`: no attributes, no content. */
function readHangup(element: RawElement, context: VerbContext): HangupVerb {
  checked(element, context, 'Hangup');
  reportContent(element, context.issues);
  return { verb: 'Hangup', ...at(element, context) };
}

/** `<Reject reason>`: rejected or busy (https://www.twilio.com/docs/voice/twiml/reject). */
function readReject(element: RawElement, context: VerbContext): RejectVerb {
  const attributes = checked(element, context, 'Reject');
  const reason = readChoice(attributes, 'reason', ['rejected', 'busy'], {
    expected: 'rejected or busy',
    code: TWILIO_CODES.schemaWarning,
  });
  reportContent(element, context.issues);
  return {
    verb: 'Reject',
    ...at(element, context),
    reason: reason ?? TWIML_DEFAULTS.reject.reason,
  };
}

/** `<Record>`: https://www.twilio.com/docs/voice/twiml/record. */
function readRecord(element: RawElement, context: VerbContext): RecordVerb {
  const attributes = checked(element, context, 'Record');
  const defaults = TWIML_DEFAULTS.record;
  const record: RecordVerb = {
    verb: 'Record',
    ...at(element, context),
    maxLengthSeconds:
      readInteger(attributes, 'maxLength', {
        min: 1,
        max: RECORD_MAX_LENGTH_LIMIT,
        expected: `a whole number of seconds from 1 to ${RECORD_MAX_LENGTH_LIMIT}`,
        code: TWILIO_CODES.recordMaxLength,
      }) ?? defaults.maxLengthSeconds,
    timeoutSeconds:
      readInteger(attributes, 'timeout', {
        min: 1,
        expected: 'a whole number of seconds ≥ 1',
        code: TWILIO_CODES.recordTimeout,
      }) ?? defaults.timeoutSeconds,
    finishOnKey:
      readPattern(attributes, 'finishOnKey', RECORD_FINISH_KEYS, {
        expected: 'keys of 0–9, * and #, or empty',
        code: TWILIO_CODES.recordFinishOnKey,
      }) ?? defaults.finishOnKey,
    playBeep: readBoolean(attributes, 'playBeep', TWILIO_CODES.recordPlayBeep) ?? defaults.playBeep,
    action: readUrl(attributes, 'action') ?? defaults.action,
    method: readMethod(attributes, 'method', TWILIO_CODES.recordMethod) ?? defaults.method,
  };
  reportContent(element, context.issues);
  return record;
}

/** `loop`: "integer >= 0"; 0 is LOOP_ZERO_CAP (https://www.twilio.com/docs/voice/twiml/play). */
function readLoop(context: ElementContext, code: number, fallback: number): number {
  const loop = readInteger(context, 'loop', {
    min: 0,
    expected: `a whole number ≥ 0 (0 repeats it ${LOOP_ZERO_CAP} times)`,
    code,
  });
  if (loop === undefined) return fallback;
  return loop === 0 ? LOOP_ZERO_CAP : loop;
}

/** The element's attribute context, its unknown attributes reported. */
function checked(element: RawElement, context: VerbContext, verb: TwimlVerbName): ElementContext {
  const attributes = { element, issues: context.issues };
  reportUnknownAttributes(attributes, ATTRIBUTES[verb]);
  return attributes;
}

function at(element: RawElement, { source }: VerbContext): SourcePosition {
  return source.position(element.offset);
}

/** Text that is not white space, where the element holds `holds`. */
function reportText(element: RawElement, issues: TwimlIssues, holds: string): void {
  if (element.textOffset === null) return;
  issues.at(
    element.textOffset,
    () => `<${element.name}> holds ${holds}, found text ${quoted(collapseSpace(element.text))}`,
    TWILIO_CODES.schemaWarning,
  );
}

/**
 * Child elements, where the element holds `holds` (text): each is an issue. `note` adds words
 * for one (SSML in `<Say>` is Twilio's, so it gets no Twilio code: only the simulator lacks it).
 */
function reportChildren(
  element: RawElement,
  issues: TwimlIssues,
  holds: string,
  note: (child: RawElement) => string = () => '',
): void {
  for (const child of element.children) {
    const extra = note(child);
    issues.atElement(
      child,
      () => `<${element.name}> holds ${holds}, found <${child.name}>${extra}`,
      extra ? null : TWILIO_CODES.schemaWarning,
    );
  }
}

/** Text or elements in a verb that holds nothing. */
function reportContent(element: RawElement, issues: TwimlIssues): void {
  reportText(element, issues, 'nothing');
  reportChildren(element, issues, 'nothing');
}

/** White space runs as one space, none at either end (XML white space only). */
export function collapseSpace(text: string): string {
  return text.replace(/[ \t\r\n]+/g, ' ').replace(/^ | $/g, '');
}
