import { strategyPalette, type StrategySymbol } from '../../report/strategyPalette.ts';
import type { StrategyId } from '../../scenario/index.ts';

export type { StrategySymbol } from '../../report/strategyPalette.ts';

/** How one strategy is drawn in every view. */
export interface StrategyStyle {
  /** The CSS custom property holding its colour in the current theme (src/ui/style/theme.css). */
  readonly colorVar: string;
  /** `var(--…)`, for CSS and inline styles. */
  readonly color: string;
  readonly symbol: StrategySymbol;
}

/**
 * Each strategy's style for a scenario whose strategies are `ids`, in order: the palette's entry
 * (src/report/strategyPalette.ts, shared with the command line's SVG plots) as a CSS custom
 * property, so it follows the theme.
 */
export function strategyStyles(ids: readonly StrategyId[]): ReadonlyMap<StrategyId, StrategyStyle> {
  return new Map(
    [...strategyPalette(ids)].map(([id, entry]) => [
      id,
      { colorVar: entry.token, color: `var(${entry.token})`, symbol: entry.symbol },
    ]),
  );
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
