/**
 * A user's choice kept in localStorage across visits. Storage can be refused (a page opened
 * from disk, a private window, a full quota): the choice then lasts for the visit only.
 */
export function readStoredChoice(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Stores a choice; does nothing where storage is refused. */
export function writeStoredChoice(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // The choice still applies to this visit.
  }
}
