import type { Ms } from '../../core/distributions.ts';
import type {
  CallTrace,
  PromptSpan,
  ReadoutSpan,
  SoundSpan,
  ToneSpan,
} from '../../sim/callTrace.ts';
import { promptText } from '../../sim/callWording.ts';
import { formatSeconds } from './traceCursor.ts';

/**
 * A call trace as rows of labelled boxes and markers: what the swim-lane chart draws. Every box
 * carries its meaning in text (and a pattern where it matters), never in colour alone.
 */

/** Visual styles the chart knows; each has a fill, an outline and, for some, a pattern. */
export type LaneStyle =
  | 'flow-state'
  | 'ringing'
  | 'connected'
  | 'prompt'
  | 'say'
  | 'sent-tones'
  | 'media'
  | 'pause'
  | 'amd'
  | 'readout'
  | 'readout-recorded'
  | 'on-line'
  | 'speech'
  | 'silence'
  | 'tones'
  | 'dtmf'
  | 'dtmf-unheard'
  | 'beep'
  | 'recording'
  | 'waiting'
  | 'event'
  | 'accepted'
  | 'rejected';

export interface LaneSpanItem {
  readonly kind: 'span';
  readonly startMs: Ms;
  readonly endMs: Ms;
  /** Printed inside the box when it fits; `shortLabel` is tried next. */
  readonly label: string;
  readonly shortLabel?: string;
  /** The full description (tooltip and accessible name). */
  readonly title: string;
  readonly style: LaneStyle;
  readonly data?: Readonly<Record<string, string>>;
}

export interface LaneMarkerItem {
  readonly kind: 'marker';
  readonly atMs: Ms;
  readonly label: string;
  readonly title: string;
  readonly style: LaneStyle;
  readonly data?: Readonly<Record<string, string>>;
}

export type LaneItem = LaneSpanItem | LaneMarkerItem;

export interface Lane {
  readonly id: string;
  readonly label: string;
  readonly items: readonly LaneItem[];
}

const at = (ms: Ms) => formatSeconds(ms);
const between = (a: Ms, b: Ms) => `${at(a)} to ${at(b)}`;

export function laneModel(trace: CallTrace): Lane[] {
  const lanes: Lane[] = [
    { id: 'flow', label: 'Flow state', items: flowItems(trace) },
    { id: 'line', label: 'Line', items: lineItems(trace) },
    { id: 'service', label: 'Service', items: serviceItems(trace) },
    { id: 'readouts', label: 'Code readouts', items: trace.readouts.map(readoutItem) },
    {
      id: 'person',
      label: trace.answeredBy === 'person' ? 'Person' : 'Person (not on the line)',
      items: personItems(trace),
    },
    { id: 'greeting', label: 'Voicemail greeting', items: greetingItems(trace) },
    { id: 'dtmf', label: 'DTMF tones', items: trace.tones.map(toneItem) },
    { id: 'voicemail', label: 'Beep and recording', items: voicemailItems(trace) },
  ];
  if (trace.kind === 'attack') {
    lanes.push({ id: 'attacker', label: 'Attacker', items: attackerItems(trace) });
  }
  return lanes;
}

function flowItems(trace: CallTrace): LaneItem[] {
  return trace.flowStates.map((s) => ({
    kind: 'span',
    startMs: s.startMs,
    endMs: s.endMs,
    label: s.state,
    title: `flow state ${s.state}, ${between(s.startMs, s.endMs)}`,
    style: 'flow-state',
    data: { state: s.state },
  }));
}

function lineItems(trace: CallTrace): LaneItem[] {
  const items: LaneItem[] = trace.line.map((span) =>
    span.phase === 'ringing'
      ? {
          kind: 'span',
          ...span,
          label: 'ringing',
          title: `ringing, ${between(span.startMs, span.endMs)}`,
          style: 'ringing',
        }
      : {
          kind: 'span',
          ...span,
          label: `answered by ${trace.answeredBy}`,
          shortLabel: trace.answeredBy,
          title: `answered by ${trace.answeredBy}, connected ${between(span.startMs, span.endMs)}`,
          style: 'connected',
        },
  );
  const ending =
    trace.endedBy === 'no-answer'
      ? 'ring timeout: nobody answered'
      : `ended by ${trace.endedBy}${trace.hangupReason ? ` (${trace.hangupReason})` : ''}`;
  items.push({
    kind: 'marker',
    atMs: trace.endMs,
    label: ending,
    title: `${ending} at ${at(trace.endMs)}`,
    style: 'event',
  });
  return items;
}

/** Why a prompt plays again, after its label. */
const PROMPT_AGAIN: Record<PromptSpan['reason'], string> = {
  first: '',
  'no-input': ' again (no key came)',
  'wrong-key': ' again (wrong key)',
};

function serviceItems(trace: CallTrace): LaneItem[] {
  const items: LaneItem[] = trace.prompts.map((p) => ({
    kind: 'span',
    startMs: p.startMs,
    endMs: p.endMs,
    label: `"press ${p.digit}"${PROMPT_AGAIN[p.reason]}${p.cutShort ? ' (cut short)' : ''}`,
    shortLabel: `press ${p.digit}`,
    title: `prompt "${promptText(p.digit, p.reason)}", ${between(p.startMs, p.endMs)}${p.cutShort ? ', cut short' : ''}`,
    style: 'prompt',
  }));
  items.push(...trace.sounds.map(soundItem));
  const { amd } = trace;
  if (amd) {
    const verdict = amd.verdict ? `AMD: ${amd.verdict}` : 'AMD: no verdict';
    items.push({
      kind: 'span',
      startMs: amd.startMs,
      endMs: amd.endMs,
      label: `AMD listening → ${amd.verdict ?? 'no verdict'}`,
      shortLabel: 'AMD',
      title: `answering-machine detection listening in silence, ${between(amd.startMs, amd.endMs)}; ${verdict}${amd.cause ? ` (${amd.cause})` : ''}`,
      style: 'amd',
    });
  }
  return items;
}

const SOUND_STYLES = {
  say: 'say',
  tones: 'sent-tones',
  media: 'media',
  pause: 'pause',
} as const satisfies Record<SoundSpan['sound'], LaneStyle>;

/** A TwiML flow's `<Say>` (its words), keys it plays, `<Play>` of media (the URL) or `<Pause>`. */
function soundItem(s: SoundSpan): LaneItem {
  const cut = s.cutShort ? ' (cut short)' : '';
  const what = {
    say: { label: `"${s.text}"`, shortLabel: 'say', title: `says "${s.text}"` },
    tones: { label: `plays keys ${s.text}`, shortLabel: s.text, title: `plays the keys ${s.text}` },
    media: { label: `plays ${s.text}`, shortLabel: 'media', title: `plays ${s.text}` },
    pause: { label: 'pause', shortLabel: 'pause', title: 'pauses (silence)' },
  }[s.sound];
  return {
    kind: 'span',
    startMs: s.startMs,
    endMs: s.endMs,
    label: `${what.label}${cut}`,
    shortLabel: what.shortLabel,
    title: `${what.title}, ${between(s.startMs, s.endMs)}${s.cutShort ? ', cut short' : ''}`,
    style: SOUND_STYLES[s.sound],
    data: { sound: s.sound, 'cut-short': String(s.cutShort) },
  };
}

function readoutItem(r: ReadoutSpan): LaneItem {
  const fate = r.recorded
    ? 'recorded'
    : r.heardByPerson
      ? 'heard'
      : !r.completed
        ? 'cut off'
        : 'not recorded';
  return {
    kind: 'span',
    startMs: r.startMs,
    endMs: r.endMs,
    label: `${r.number}: ${fate}`,
    shortLabel: r.recorded ? 'recorded' : fate === 'not recorded' ? `${r.number}: not rec.` : fate,
    title: `readout ${r.number} of the code, ${between(r.startMs, r.endMs)}: ${fate}`,
    style: r.recorded ? 'readout-recorded' : 'readout',
    data: { readout: String(r.number), recorded: String(r.recorded) },
  };
}

function personItems(trace: CallTrace): LaneItem[] {
  const items: LaneItem[] = [];
  if (trace.personOnLine) {
    items.push({
      kind: 'span',
      ...trace.personOnLine,
      label: 'on the line',
      title: `the person on the line, ${between(trace.personOnLine.startMs, trace.personOnLine.endMs)}`,
      style: 'on-line',
    });
  }
  if (trace.personHello) {
    items.push({
      kind: 'span',
      ...trace.personHello,
      label: '"Hello?"',
      title: `the person says "Hello?", ${between(trace.personHello.startMs, trace.personHello.endMs)}`,
      style: 'speech',
    });
  }
  for (const tone of trace.tones.filter((t) => t.from === 'person')) {
    items.push({
      kind: 'marker',
      atMs: tone.startMs,
      label: `presses ${tone.digit}`,
      title: `the person presses ${tone.digit} at ${at(tone.startMs)}`,
      style: 'event',
    });
  }
  if (trace.endedBy === 'person') {
    items.push({
      kind: 'marker',
      atMs: trace.endMs,
      label: 'hangs up',
      title: `the person hangs up at ${at(trace.endMs)}`,
      style: 'event',
    });
  }
  const { submission } = trace;
  if (submission?.by === 'owner') {
    items.push({
      kind: 'span',
      ...submission.lead,
      label: 'types the code',
      shortLabel: 'typing',
      title: `the owner types the code, ${between(submission.lead.startMs, submission.lead.endMs)}`,
      style: 'waiting',
    });
    items.push(submissionMarker(submission.atMs, 'owner', submission.code, submission.accepted));
  }
  return items;
}

function greetingItems(trace: CallTrace): LaneItem[] {
  const names = { speech: 'speech', silence: 'silence', dtmf: 'tones' } as const;
  return trace.greeting.map((g) => ({
    kind: 'span',
    startMs: g.startMs,
    endMs: g.endMs,
    label: `${names[g.kind]}${g.cutShort ? ' (cut off)' : ''}`,
    title: `greeting ${names[g.kind]}, ${between(g.startMs, g.endMs)}${g.cutShort ? ', cut off by the hang-up' : ''}`,
    style: g.kind === 'dtmf' ? 'tones' : g.kind,
  }));
}

function toneItem(tone: ToneSpan): LaneItem {
  const source = tone.from === 'person' ? "person's key" : 'greeting tone';
  const heard =
    tone.reportedAtMs === null ? 'not detected' : `detected at ${at(tone.reportedAtMs)}`;
  return {
    kind: 'span',
    startMs: tone.startMs,
    endMs: tone.endMs,
    label: tone.digit,
    title: `${source} ${tone.digit}, ${between(tone.startMs, tone.endMs)}, ${heard}`,
    style: tone.reportedAtMs === null ? 'dtmf-unheard' : 'dtmf',
    data: {
      digit: tone.digit,
      from: tone.from,
      detected: String(tone.reportedAtMs !== null),
      ...(tone.reportedAtMs === null ? {} : { reportedAtMs: String(tone.reportedAtMs) }),
    },
  };
}

function voicemailItems(trace: CallTrace): LaneItem[] {
  const items: LaneItem[] = [];
  if (trace.beep) {
    items.push({
      kind: 'span',
      ...trace.beep,
      label: 'beep',
      title: `beep, ${between(trace.beep.startMs, trace.beep.endMs)}`,
      style: 'beep',
    });
  }
  if (trace.recording) {
    items.push({
      kind: 'span',
      ...trace.recording,
      label: 'recording',
      title: `the box records, ${between(trace.recording.startMs, trace.recording.endMs)}`,
      style: 'recording',
      data: { recording: 'true' },
    });
  }
  return items;
}

function attackerItems(trace: CallTrace): LaneItem[] {
  const { submission } = trace;
  if (!submission) {
    return [
      {
        kind: 'marker',
        atMs: trace.endMs,
        label: 'no code in the recording',
        title: 'the attacker finds no readout of the code in the voicemail recording',
        style: 'event',
        data: { submission: 'none' },
      },
    ];
  }
  return [
    {
      kind: 'span',
      ...submission.lead,
      label: 'dials in, plays the recording',
      shortLabel: 'listening',
      title: `the attacker retrieves the voicemail (PIN guessed), ${between(submission.lead.startMs, submission.lead.endMs)}`,
      style: 'waiting',
    },
    submissionMarker(submission.atMs, 'attacker', submission.code, submission.accepted),
  ];
}

function submissionMarker(atMs: Ms, who: string, code: string, accepted: boolean): LaneMarkerItem {
  const verdict = accepted ? 'accepted' : 'rejected';
  return {
    kind: 'marker',
    atMs,
    label: `${accepted ? '✓' : '✗'} types ${code}: ${verdict}`,
    title: `the ${who} types ${code} at ${at(atMs)}: ${verdict}`,
    style: accepted ? 'accepted' : 'rejected',
    data: { submission: who, accepted: String(accepted) },
  };
}
