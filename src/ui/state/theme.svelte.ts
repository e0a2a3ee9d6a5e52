import { readStoredChoice, writeStoredChoice } from './storedChoice.ts';

/** The themes a user can choose; "system" follows prefers-color-scheme (src/ui/style/theme.css). */
export const THEME_CHOICES = [
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' },
  { id: 'system', label: 'System' },
] as const;

export type ThemeChoice = (typeof THEME_CHOICES)[number]['id'];

const STORAGE_KEY = 'voice-otp-lab.theme';

function isThemeChoice(value: string | null): value is ThemeChoice {
  return THEME_CHOICES.some((choice) => choice.id === value);
}

/** The user's theme, kept in localStorage. */
class Theme {
  #choice: ThemeChoice = $state('system');

  constructor() {
    const stored = readStoredChoice(STORAGE_KEY);
    if (isThemeChoice(stored)) this.#choice = stored;
  }

  get choice(): ThemeChoice {
    return this.#choice;
  }

  set choice(value: ThemeChoice) {
    this.#choice = value;
    writeStoredChoice(STORAGE_KEY, value);
  }
}

export const theme = new Theme();

/**
 * Keeps `data-theme` on <html> in step with the choice: "light" or "dark", none for "system"
 * (theme.css then follows prefers-color-scheme). Call once from the root component.
 */
export function syncThemeWithDocument(): () => void {
  return $effect.root(() => {
    $effect(() => {
      const root = document.documentElement;
      if (theme.choice === 'system') root.removeAttribute('data-theme');
      else root.setAttribute('data-theme', theme.choice);
    });
  });
}
