/**
 * The app marks the history entries it makes (and the one it opened in) with this state, so a
 * Back or Forward to one of them is told apart from a link pasted or edited in the address bar:
 * moving through the app's own entries changes the view, never the scenario being worked on.
 */
const APP_ENTRY = { voiceOtpLab: 1 } as const;

/** The state to give a history entry the app makes. */
export function appEntryState(): typeof APP_ENTRY {
  return APP_ENTRY;
}

/** Whether a history entry's state is one the app made. */
export function isAppEntry(state: unknown): boolean {
  return (
    typeof state === 'object' &&
    state !== null &&
    (state as Record<string, unknown>).voiceOtpLab === APP_ENTRY.voiceOtpLab
  );
}
