import type { StrategyId } from '../../scenario/index.ts';
import { resolveColor, strategyStyles } from '../style/strategyStyle.ts';
import type { MarkStyle } from './chartPanels.ts';

/** Each strategy's colour as the current theme resolves it, and its symbol, for Plot. */
export function markStyles(ids: readonly StrategyId[]): ReadonlyMap<StrategyId, MarkStyle> {
  return new Map(
    [...strategyStyles(ids)].map(([id, style]) => [
      id,
      { color: resolveColor(style.colorVar), symbol: style.symbol },
    ]),
  );
}
