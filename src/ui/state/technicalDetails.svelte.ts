import { presenter } from './presenter.svelte.ts';
import { readStoredChoice, writeStoredChoice } from './storedChoice.ts';

const STORAGE_KEY = 'voice-otp-lab.technical-details';

/**
 * "Show technical details": commands, endpoints and engine notes meant for engineers. Off by
 * default and always off in presenter mode, so a room sees the story, not the plumbing. The
 * choice is kept in localStorage.
 */
class TechnicalDetails {
  #chosen = $state(readStoredChoice(STORAGE_KEY) === 'on');

  /** The user's choice. */
  get chosen(): boolean {
    return this.#chosen;
  }

  set chosen(value: boolean) {
    this.#chosen = value;
    writeStoredChoice(STORAGE_KEY, value ? 'on' : 'off');
  }

  /** Whether views show their technical details now. */
  get shown(): boolean {
    return this.#chosen && !presenter.active;
  }
}

export const technicalDetails = new TechnicalDetails();
