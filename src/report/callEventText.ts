import type { PromptReason } from '../flows/index.ts';
import type { CallEndReason, CallEvent } from '../sim/callEvents.ts';

const ms = (value: number) => `${(value / 1000).toFixed(3)} s`;

const END_REASONS: Record<CallEndReason, string> = {
  done: 'done',
  'wrong-digit': 'wrong key, no re-ask left',
  'no-input': 'no key pressed',
  'machine-detected': 'machine detected',
  'not-sure': 'AMD not sure',
  'patience-ran-out': 'silence outlasted their patience',
  'recording-limit': 'recording limit reached',
  'ring-timeout': 'nobody answered before the ring timeout',
  'hangup-verb': 'the document said <Hangup>',
  'end-of-document': 'the document ended',
  rejected: 'the document said <Reject>',
  'application-error': 'an application error (no TwiML to run)',
  'api-hangup': 'the Calls API ended the call',
};

/** Why a prompt plays again: a re-prompt after no input, or a re-ask after a wrong key. */
const PROMPT_AGAIN: Record<PromptReason, string> = {
  first: '',
  'no-input': ' again: no key came',
  'wrong-key': ' again: "That was not the right key."',
};

const SOUND_NAMES = { say: 'says', tones: 'plays keys', media: 'plays', pause: 'pauses' } as const;

/**
 * A call event in words, without its party (`callEventParty` names that): with it, the one place
 * where the typed account of a call becomes text, for the command line's `trial`, the Replay
 * view's event list and the login demo.
 */
export function describeCallEvent(event: CallEvent): string {
  switch (event.type) {
    case 'placed':
      return `places the call${event.expectedDigit === null ? '' : `; will ask for key ${event.expectedDigit}`}`;
    case 'answered':
      return `answered by ${event.by}`;
    case 'flow-state':
      return `enters state ${event.state}`;
    case 'prompt-started':
      return `prompt "press ${event.digit}" starts${PROMPT_AGAIN[event.reason]}`;
    case 'prompt-ended':
      return event.cause === 'played'
        ? `prompt "press ${event.digit}" ends`
        : `prompt "press ${event.digit}" cut short (${event.cause === 'stopped' ? 'a key came in' : 'the call ended'})`;
    case 'readout-started':
      return `readout ${event.number} starts`;
    case 'readout-ended': {
      const fate = [
        event.completed ? null : 'cut off',
        event.recorded ? 'recorded' : null,
        event.heardByPerson ? 'heard by the person' : null,
      ].filter((part) => part !== null);
      return `readout ${event.number} ends${fate.length ? ` (${fate.join(', ')})` : ''}`;
    }
    case 'key-tone': {
      const source = event.from === 'voicemail' ? 'greeting plays' : 'presses';
      const heard =
        event.reportedAtMs === null ? 'never reported' : `reported at ${ms(event.reportedAtMs)}`;
      return `${source} key ${event.digit} until ${ms(event.endMs)}; ${heard}`;
    }
    case 'key-reported':
      return `reports key ${event.digit} (${event.from === 'voicemail' ? 'greeting tone' : "person's key"} from ${ms(event.toneStartMs)})`;
    case 'person-hello':
      return `says "Hello?" until ${ms(event.endMs)}`;
    case 'greeting-segment':
      return `greeting ${event.kind} until ${ms(event.endMs)}${event.cutShort ? ' (cut short)' : ''}`;
    case 'beep':
      return `beep until ${ms(event.endMs)}`;
    case 'recording':
      return `records until ${ms(event.endMs)}`;
    case 'amd-started':
      return 'AMD starts listening';
    case 'amd-verdict':
      return `AMD ${event.verdict} (${event.cause}) after ${ms(event.decisionMs)} of audio`;
    case 'timer-started':
      return `service waits up to ${ms(event.durationMs)} for a key`;
    case 'timer-fired':
      return 'service stops waiting: no key came';
    case 'timer-cancelled':
      return 'service stops its timer';
    case 'hangup':
      return event.by === 'no-answer'
        ? `rings out: ${END_REASONS[event.reason]}`
        : `hangs up: ${END_REASONS[event.reason]}`;
    case 'code-submitted':
      return `types ${event.code}: ${event.accepted ? 'accepted' : 'rejected'}`;
    case 'twiml-request': {
      const digits = event.digits === null ? '' : ` with Digits=${JSON.stringify(event.digits)}`;
      const answer =
        event.outcome === 'ok'
          ? 'TwiML received'
          : `no TwiML: ${event.message ?? event.outcome}${event.twilioCode === null ? '' : ` (Twilio ${event.twilioCode})`}`;
      return `requests ${event.method} ${event.url}${digits}; ${answer}`;
    }
    case 'twiml-verb':
      return `runs <${event.verb}> (${event.source}, line ${event.line})`;
    case 'sound-started': {
      const loops = event.loops > 1 ? ` ×${event.loops}` : '';
      return event.sound === 'pause'
        ? 'pauses'
        : `${SOUND_NAMES[event.sound]} "${event.text}"${loops}`;
    }
    case 'sound-ended':
      return event.cause === 'played'
        ? `${event.sound} ends`
        : `${event.sound} cut short (${event.cause === 'stopped' ? 'a key came in' : 'the call ended'})`;
    case 'answered-by':
      return `AMD: AnsweredBy=${event.answeredBy} after ${ms(event.decisionMs)}`;
  }
}

/** Who an event is about: the first column of a printed call, the prefix in an event list. */
export function callEventParty(event: CallEvent): string {
  switch (event.type) {
    case 'placed':
    case 'prompt-started':
    case 'prompt-ended':
    case 'readout-started':
    case 'readout-ended':
    case 'amd-started':
    case 'amd-verdict':
    case 'timer-started':
    case 'timer-fired':
    case 'timer-cancelled':
    case 'twiml-request':
    case 'sound-started':
    case 'sound-ended':
    case 'answered-by':
      return 'service';
    case 'twiml-verb':
      return 'flow';
    case 'answered':
      return 'line';
    case 'flow-state':
      return 'flow';
    case 'key-tone':
      return event.from;
    case 'key-reported':
      return 'receiver';
    case 'person-hello':
      return 'person';
    case 'greeting-segment':
    case 'beep':
    case 'recording':
      return 'voicemail';
    case 'hangup':
      return event.by === 'no-answer' ? 'line' : event.by;
    case 'code-submitted':
      return event.by;
  }
}
