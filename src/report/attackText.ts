import type { AttackReport, RatedGreeting } from '../redteam/index.ts';
import type { Objective } from '../sim/greetingEvaluation.ts';
import { interval, percent } from './percent.ts';

/** What each objective's rate counts, in the words of README "What the numbers mean". */
export const OBJECTIVE_WORDS: Record<Objective, string> = {
  interception: "interception (the campaign's first call intercepted)",
  campaign: 'campaign interception (any call of the campaign intercepted)',
  'end-to-end': 'end-to-end (compromise rate × campaign interception)',
};

/** A greeting as the scenario format writes it, on one line. */
export function greetingJson(greeting: RatedGreeting['greeting']): string {
  return JSON.stringify(greeting);
}

function rated(greeting: RatedGreeting): string {
  return `${percent(greeting.rate)} ${interval(greeting.ci95)}, ${greeting.hits} of ${greeting.trials} attack trials won`;
}

/** How the search went and where it ran, for the report's last lines. */
export interface AttackRunFacts {
  readonly seconds: number;
  readonly workers: number;
}

/**
 * `sim attack`'s report: the best greeting as scenario JSON with its confirmed rate, the
 * runners-up, what the search spent, and what it is evidence of.
 */
export function formatAttackReport(report: AttackReport, facts: AttackRunFacts): string {
  const lines = [
    `best greeting against ${report.strategy}, by ${OBJECTIVE_WORDS[report.objective]}:`,
    `  ${greetingJson(report.best.greeting)}`,
    `  ${rated(report.best)} on the confirmation seed ${report.confirmSeed}`,
  ];
  if (report.runnersUp.length > 0) {
    lines.push('runners-up (same confirmation trials):');
    for (const greeting of report.runnersUp) {
      lines.push(`  ${greetingJson(greeting.greeting)}`, `    ${rated(greeting)}`);
    }
  }
  const rungs = report.rungs.map((r) => `${r.candidates}×${r.trials}`).join(', ');
  const confirmed = 1 + report.runnersUp.length;
  lines.push(
    `searched ${report.evaluations} candidate greetings (${report.structures.screened} of ${report.structures.enumerated} structures) on seed ${report.seed}: rungs of candidates×trials ${rungs}, then ${confirmed}×${report.best.trials} to confirm; ${report.trials} attack trials in ${facts.seconds.toFixed(1)} s on ${facts.workers} worker${facts.workers === 1 ? '' : 's'}${report.stopped ? ' (stopped early)' : ''}`,
  );
  if (report.compromiseRate !== null) {
    lines.push(
      `end-to-end rates are the campaign rate × the exact voicemail compromise rate ${percent(report.compromiseRate)}`,
    );
  }
  if (report.scenarioFidelity === 'signal') {
    lines.push(
      'the scenario is at fidelity "signal"; the search evaluated greetings at event level (README, "Red team")',
    );
  }
  lines.push(
    'not exhaustive: the lengths are sampled, so this is the best greeting found, evidence rather than proof that none does better',
  );
  return lines.join('\n');
}
