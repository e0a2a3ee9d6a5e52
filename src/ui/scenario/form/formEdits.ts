import { COMMON_PIN_LENGTH } from '../../../attacker/index.ts';
import type { CodePolicy, GreetingSegment, PinPolicy } from '../../../scenario/index.ts';
import type { JsonObject, ScenarioEdit } from './editScenarioText.ts';

/** The object at `keys` under `root`, created (or replacing a non-object) where missing. */
function objectAt(root: JsonObject, keys: readonly string[]): JsonObject {
  let current = root;
  for (const key of keys) {
    const next = current[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) current[key] = {};
    current = current[key] as JsonObject;
  }
  return current;
}

function setField(keys: readonly string[], field: string, value: unknown): ScenarioEdit {
  return (root) => {
    objectAt(root, keys)[field] = value;
  };
}

export const setVictimAnswerProbability = (probability: number) =>
  setField(['attacker'], 'victimAnswerProbability', probability);

export const setAttackerAttempts = (attempts: number) =>
  setField(['attacker'], 'attempts', attempts);

/** Choosing "common" also sets the length its frequency table is for (4 digits). */
export function setPinChoice(choice: PinPolicy['choice']): ScenarioEdit {
  return (root) => {
    const pin = objectAt(root, ['voicemail', 'pin']);
    pin.choice = choice;
    if (choice === 'common') pin.length = COMMON_PIN_LENGTH;
  };
}

export const setPinField = <K extends 'length' | 'lockoutAfter'>(field: K, value: PinPolicy[K]) =>
  setField(['voicemail', 'pin'], field, value);

/** Switches between a ttl code and a TOTP, keeping the code length where the new kind allows it. */
export function setCodeKind(kind: CodePolicy['kind'], current: CodePolicy): ScenarioEdit {
  return (root) => {
    if (kind === current.kind) return;
    const keepDigits = kind === 'ttl' || (current.digits >= 6 && current.digits <= 8);
    const digits = keepDigits ? current.digits : 6;
    // 600 s is Verify's default lifetime; 30 s is RFC 6238's time step.
    root.code =
      kind === 'ttl' ? { kind, digits, ttlSeconds: 600 } : { kind, digits, periodSeconds: 30 };
  };
}

export const setCodeLifetime = (field: 'ttlSeconds' | 'periodSeconds', seconds: number) =>
  setField(['code'], field, seconds);

export type SegmentKind = 'speech' | 'silence' | 'dtmf' | 'audio';

export function segmentKind(segment: GreetingSegment): SegmentKind {
  if ('dtmf' in segment) return 'dtmf';
  if ('audio' in segment) return 'audio';
  return 'speech' in segment ? 'speech' : 'silence';
}

/** A new segment as a recorded greeting would have it: a second of speech or silence, one tone. */
function newSegment(kind: SegmentKind): JsonObject {
  if (kind === 'dtmf') return { dtmf: '1', toneMs: 120, gapMs: 80, repeat: 1 };
  if (kind === 'audio') return { audio: 'greeting.wav' };
  return { [kind]: 1 };
}

/**
 * The greeting list as written, or (when the file leaves it to the default) the resolved
 * greeting written out, so an edit starts from what the box actually plays.
 */
function greetingOf(root: JsonObject, resolved: readonly GreetingSegment[]): unknown[] {
  const voicemail = objectAt(root, ['voicemail']);
  if (!Array.isArray(voicemail.greeting)) voicemail.greeting = resolved.map((s) => ({ ...s }));
  return voicemail.greeting as unknown[];
}

export const addGreetingSegment =
  (kind: SegmentKind, resolved: readonly GreetingSegment[]): ScenarioEdit =>
  (root) => {
    greetingOf(root, resolved).push(newSegment(kind));
  };

export const removeGreetingSegment =
  (index: number, resolved: readonly GreetingSegment[]): ScenarioEdit =>
  (root) => {
    greetingOf(root, resolved).splice(index, 1);
  };

export const moveGreetingSegment =
  (index: number, to: number, resolved: readonly GreetingSegment[]): ScenarioEdit =>
  (root) => {
    const greeting = greetingOf(root, resolved);
    if (to < 0 || to >= greeting.length) return;
    const [segment] = greeting.splice(index, 1);
    greeting.splice(to, 0, segment);
  };

export type SegmentField = 'speech' | 'silence' | 'dtmf' | 'toneMs' | 'gapMs' | 'repeat';

export const setGreetingSegmentField =
  (
    index: number,
    field: SegmentField,
    value: number | string,
    resolved: readonly GreetingSegment[],
  ): ScenarioEdit =>
  (root) => {
    const greeting = greetingOf(root, resolved);
    const segment = greeting[index];
    if (typeof segment === 'object' && segment !== null) (segment as JsonObject)[field] = value;
  };
