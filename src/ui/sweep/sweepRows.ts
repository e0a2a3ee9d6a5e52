import type { StrategyId } from '../../scenario/index.ts';
import {
  securityOf,
  usabilityOf,
  type SecurityObjective,
  type SweepFrontier,
  type UsabilityObjective,
} from '../../sim/frontier.ts';
import type { SweepResults, SweepStrategyResult } from '../../sim/sweepResults.ts';

/** One strategy at one point, as the charts and the table draw it. */
export interface SweepRow {
  readonly point: number;
  readonly strategy: StrategyId;
  /** The first dimension's value. */
  readonly x: number;
  /** The second dimension's value; null for a one-dimensional sweep. */
  readonly y: number | null;
  /** The security figure in percent, with its 95% interval. */
  readonly security: number;
  readonly securityLow: number;
  readonly securityHigh: number;
  /** Owner success in percent or median seconds to the code; null when no owner got it. */
  readonly usability: number | null;
  readonly usabilityLow: number | null;
  readonly usabilityHigh: number | null;
  /** On the strategy's own frontier over the points. */
  readonly onOwnFrontier: boolean;
  /** On the frontier of every (point, strategy) together. */
  readonly onOverallFrontier: boolean;
}

/** A security figure's 95% interval. */
export function securityInterval(
  r: SweepStrategyResult,
  objective: SecurityObjective,
): readonly [number, number] {
  if (objective === 'interception') return r.interceptionCi95;
  if (objective === 'campaign') return r.campaignInterceptionCi95;
  return r.endToEndCi95;
}

/** A usability figure's 95% interval (null: no owner got the code, so no median). */
export function usabilityInterval(
  r: SweepStrategyResult,
  usability: UsabilityObjective,
): readonly [number, number] | null {
  return usability === 'legit-success' ? r.legitSuccessCi95 : r.legitMedianSecondsToCodeCi95;
}

/** Every (point, strategy) of the results, rates in percent, with its place on the frontier. */
export function sweepRows(results: SweepResults, frontier: SweepFrontier): SweepRow[] {
  const [xPath, yPath] = results.axes.map((a) => a.path);
  const scale = frontier.usability === 'legit-success' ? 100 : 1;
  const overall = new Set(frontier.overall.map((m) => `${m.point}\n${m.strategy}`));
  return results.points.flatMap((point) =>
    results.strategies.flatMap((strategy) => {
      const r = point.strategies[strategy];
      if (!r) return [];
      const [sLow, sHigh] = securityInterval(r, frontier.security);
      const usability = usabilityOf(r, frontier.usability);
      const uCi = usabilityInterval(r, frontier.usability);
      return [
        {
          point: point.index,
          strategy,
          x: point.values[xPath!]!,
          y: yPath === undefined ? null : point.values[yPath]!,
          security: securityOf(r, frontier.security) * 100,
          securityLow: sLow * 100,
          securityHigh: sHigh * 100,
          usability: usability === null ? null : usability * scale,
          usabilityLow: uCi === null ? null : uCi[0] * scale,
          usabilityHigh: uCi === null ? null : uCi[1] * scale,
          onOwnFrontier: frontier.byStrategy[strategy]?.includes(point.index) ?? false,
          onOverallFrontier: overall.has(`${point.index}\n${strategy}`),
        },
      ];
    }),
  );
}

/** Words for the figures, as axis labels and headings say them. */
export const SECURITY_LABELS: Readonly<Record<SecurityObjective, string>> = {
  interception: 'Interception (first call)',
  campaign: 'Campaign interception',
  'end-to-end': 'End-to-end compromise',
};
export const USABILITY_LABELS: Readonly<Record<UsabilityObjective, string>> = {
  'legit-success': 'Owner success',
  'time-to-code': 'Median time to code',
};

/** A figure's unit on an axis: percent for rates, seconds for the time to the code. */
export function usabilityUnit(usability: UsabilityObjective): string {
  return usability === 'legit-success' ? '%' : 's';
}
