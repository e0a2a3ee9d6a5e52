import type { Duration, Scenario } from '../scenario/index.ts';
import { invalidParameter } from './verifyError.ts';

/**
 * Bounds on a phone set up through the control plane, stricter than the scenario format's
 * (which allows a day for any timing and a lognormal sigma of 3): a phone's owner and box act
 * in seconds, and the API is open to any test, so its timings stay within an hour. The
 * greeting's bounds are the scenario format's own (scenario/greetingBounds.ts), checked by
 * loadScenario before this, with the same message as `sim validate`.
 */
const MAX_SECONDS = 3600;
/** A lognormal with sigma 2 already spans a factor of 50 either side of its median (95%). */
const MAX_SIGMA = 2;

export function checkPhoneLimits(scenario: Scenario): void {
  const { person, voicemail } = scenario;
  for (const [name, value] of Object.entries(person)) {
    if (name.endsWith('Seconds')) checkDuration(`person.${name}`, value);
  }
  for (const name of ['pickupAfterSeconds', 'maxRecordSeconds', 'beepSeconds'] as const) {
    checkSeconds(`voicemail.${name}`, voicemail[name]);
  }
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

function checkSeconds(path: string, seconds: number): void {
  if (!(seconds <= MAX_SECONDS)) {
    throw invalidParameter(
      path,
      `use at most ${MAX_SECONDS} seconds (an hour) for a simulated phone`,
    );
  }
}
