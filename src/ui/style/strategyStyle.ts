import type { StrategyId } from '../../scenario/index.ts';

/** A Plot symbol name: a second cue beside colour, so no strategy is told apart by hue alone. */
export type StrategySymbol =
  'circle' | 'square' | 'triangle' | 'diamond' | 'star' | 'wye' | 'cross' | 'times';

/** How one strategy is drawn in every view. */
export interface StrategyStyle {
  /** The CSS custom property holding its colour in the current theme (src/ui/style/theme.css). */
  readonly colorVar: string;
  /** `var(--…)`, for CSS and inline styles. */
  readonly color: string;
  readonly symbol: StrategySymbol;
}

/**
 * The built-in flows' styles, fixed so a strategy looks the same in every scenario. Hues are
 * Okabe and Ito's colour-blind-safe set (https://jfly.uni-koeln.de/color/), darkened for the light
 * theme and lightened for the dark one to reach 3:1 against the background.
 */
const BUILT_IN: Readonly<
  Record<string, { readonly token: string; readonly symbol: StrategySymbol }>
> = {
  naive: { token: '--strategy-naive', symbol: 'circle' },
  'static-prompt': { token: '--strategy-static-prompt', symbol: 'square' },
  amd: { token: '--strategy-amd', symbol: 'triangle' },
  'random-digit': { token: '--strategy-random-digit', symbol: 'diamond' },
};

const EXTRA_TOKENS = [
  '--strategy-extra-1',
  '--strategy-extra-2',
  '--strategy-extra-3',
  '--strategy-extra-4',
] as const;
const EXTRA_SYMBOLS: readonly StrategySymbol[] = ['star', 'wye', 'cross', 'times'];

function style(token: string, symbol: StrategySymbol): StrategyStyle {
  return { colorVar: token, color: `var(${token})`, symbol };
}

/**
 * Each strategy's style for a scenario whose strategies are `ids`, in order: built-in flows keep
 * their own; declared flows (TwiML, webhooks) take the extra colours and symbols in the order they
 * appear, cycling after four.
 */
export function strategyStyles(ids: readonly StrategyId[]): ReadonlyMap<StrategyId, StrategyStyle> {
  const styles = new Map<StrategyId, StrategyStyle>();
  let extra = 0;
  for (const id of ids) {
    if (styles.has(id)) continue;
    const builtIn = BUILT_IN[id];
    if (builtIn !== undefined) {
      styles.set(id, style(builtIn.token, builtIn.symbol));
    } else {
      styles.set(
        id,
        style(
          EXTRA_TOKENS[extra % EXTRA_TOKENS.length]!,
          EXTRA_SYMBOLS[extra % EXTRA_SYMBOLS.length]!,
        ),
      );
      extra += 1;
    }
  }
  return styles;
}

/**
 * The colour a custom property holds now, for renderers that cannot take `var()` (SVG attributes
 * written by Observable Plot, canvas). Re-read it when the theme changes.
 */
export function resolveColor(
  colorVar: string,
  element: Element = document.documentElement,
): string {
  return getComputedStyle(element).getPropertyValue(colorVar).trim();
}
