import { presenter } from './presenter.svelte.ts';

/**
 * "Show technical details": commands, endpoints and engine notes meant for engineers. Off by
 * default and always off in presenter mode, so a room sees the story, not the plumbing.
 */
class TechnicalDetails {
  /** The user's choice. */
  chosen = $state(false);
  /** Whether views show their technical details now. */
  get shown(): boolean {
    return this.chosen && !presenter.active;
  }
}

export const technicalDetails = new TechnicalDetails();
