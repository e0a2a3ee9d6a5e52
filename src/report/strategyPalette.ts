import type { StrategyId } from '../scenario/index.ts';

/** A Plot symbol name: a second cue beside colour, so no strategy is told apart by hue alone. */
export type StrategySymbol =
  'circle' | 'square' | 'triangle' | 'diamond' | 'star' | 'wye' | 'cross' | 'times';

/** One strategy's colour token, its colour in each theme, and its symbol. */
export interface PaletteEntry {
  /** The CSS custom property holding the colour in the app (src/ui/style/theme.css). */
  readonly token: string;
  /** The colour on the light theme's background (white): what a standalone SVG uses. */
  readonly light: string;
  /** The colour on the dark theme's background. */
  readonly dark: string;
  readonly symbol: StrategySymbol;
}

/**
 * The built-in flows' entries, fixed so a strategy looks the same in every scenario and every
 * output (the app's charts and table, the command line's SVG). Hues are Okabe and Ito's
 * colour-blind-safe set (https://jfly.uni-koeln.de/color/), darkened for the light theme and
 * lightened for the dark one to reach 3:1 against the background. theme.css declares the same
 * values (src/ui/style/theme.test.ts checks that they agree).
 */
const BUILT_IN: Readonly<Record<string, PaletteEntry>> = {
  naive: { token: '--strategy-naive', light: '#c14f00', dark: '#ff8a5c', symbol: 'circle' },
  'static-prompt': {
    token: '--strategy-static-prompt',
    light: '#0072b2',
    dark: '#56b4e9',
    symbol: 'square',
  },
  amd: { token: '--strategy-amd', light: '#007a5a', dark: '#33c4a0', symbol: 'triangle' },
  'random-digit': {
    token: '--strategy-random-digit',
    light: '#a3487f',
    dark: '#e08fc0',
    symbol: 'diamond',
  },
};

/** Declared flows (TwiML, webhooks) take these in the order they appear, cycling after four. */
const EXTRA: readonly PaletteEntry[] = [
  { token: '--strategy-extra-1', light: '#8a6d00', dark: '#f0e442', symbol: 'star' },
  { token: '--strategy-extra-2', light: '#5e5c64', dark: '#c0bfbc', symbol: 'wye' },
  { token: '--strategy-extra-3', light: '#9a3b00', dark: '#e69f00', symbol: 'cross' },
  { token: '--strategy-extra-4', light: '#3e6fa8', dark: '#9ab8f0', symbol: 'times' },
];

/** Every entry, built-in first: what theme.css must declare. */
export const PALETTE_ENTRIES: readonly PaletteEntry[] = [...Object.values(BUILT_IN), ...EXTRA];

/**
 * Each strategy's entry for a scenario whose strategies are `ids`, in order: built-in flows keep
 * their own; declared flows take the extra entries in the order they appear, cycling after four.
 */
export function strategyPalette(ids: readonly StrategyId[]): ReadonlyMap<StrategyId, PaletteEntry> {
  const entries = new Map<StrategyId, PaletteEntry>();
  let extra = 0;
  for (const id of ids) {
    if (entries.has(id)) continue;
    const builtIn = BUILT_IN[id];
    if (builtIn !== undefined) {
      entries.set(id, builtIn);
    } else {
      entries.set(id, EXTRA[extra % EXTRA.length]!);
      extra += 1;
    }
  }
  return entries;
}
