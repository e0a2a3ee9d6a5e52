import type { Duration, Scenario } from '../scenario/index.ts';
import { invalidParameter } from './verifyError.ts';

/**
 * Bounds on a phone set up through the control plane, past what the scenario format checks.
 * The format accepts any non-negative number of seconds and up to 1,000 repeats of any number
 * of keys; the engine then fails on a timing that overflows to Infinity, and a 15 KiB greeting
 * of 15 million tones exhausts the heap. No phone comes near these: a voicemail greeting lasts
 * a minute or two, a person's timings are seconds.
 */
const MAX_SECONDS = 3600;
/** A lognormal with sigma 2 already spans a factor of 50 either side of its median (95%). */
const MAX_SIGMA = 2;
const MAX_GREETING_TONES = 10_000;

export function checkPhoneLimits(scenario: Scenario): void {
  const { person, voicemail } = scenario;
  for (const [name, value] of Object.entries(person)) {
    if (name.endsWith('Seconds')) checkDuration(`person.${name}`, value as Duration);
  }
  for (const name of ['pickupAfterSeconds', 'maxRecordSeconds', 'beepSeconds'] as const) {
    checkSeconds(`voicemail.${name}`, voicemail[name]);
  }
  let greetingSeconds = 0;
  let tones = 0;
  voicemail.greeting.forEach((segment, i) => {
    const path = `voicemail.greeting[${i}]`;
    if ('speech' in segment) greetingSeconds += checkSeconds(`${path}.speech`, segment.speech);
    if ('silence' in segment) greetingSeconds += checkSeconds(`${path}.silence`, segment.silence);
    if ('dtmf' in segment) {
      const count = segment.dtmf.length * segment.repeat;
      tones += count;
      greetingSeconds += (count * (segment.toneMs + segment.gapMs)) / 1000;
    }
  });
  if (tones > MAX_GREETING_TONES) {
    throw invalidParameter(
      'voicemail.greeting',
      `plays ${tones} tones; a simulated greeting may play at most ${MAX_GREETING_TONES}`,
    );
  }
  checkSeconds('voicemail.greeting', greetingSeconds);
}

function checkDuration(path: string, duration: Duration): void {
  if (typeof duration === 'number') {
    checkSeconds(path, duration);
  } else if ('uniform' in duration) {
    checkSeconds(`${path}.uniform`, Math.max(...duration.uniform));
  } else {
    checkSeconds(`${path}.lognormal.median`, duration.lognormal.median);
    if (duration.lognormal.sigma > MAX_SIGMA) {
      throw invalidParameter(
        `${path}.lognormal.sigma`,
        `use at most ${MAX_SIGMA} for a simulated phone`,
      );
    }
  }
}

function checkSeconds(path: string, seconds: number): number {
  if (!(seconds <= MAX_SECONDS)) {
    throw invalidParameter(
      path,
      `use at most ${MAX_SECONDS} seconds (an hour) for a simulated phone`,
    );
  }
  return seconds;
}
