import type { ScenarioIssue, ValidationResult } from '../../scenario/index.ts';

/**
 * What the app cannot run although the CLI can: a greeting segment that is an audio file (the
 * page has no files next to the scenario). Reported like any other problem, at its JSON path.
 */
export function withAppRules(result: ValidationResult): ValidationResult {
  if (!result.ok) return result;
  const issues: ScenarioIssue[] = [];
  result.scenario.voicemail.greeting.forEach((segment, i) => {
    if (!('audio' in segment)) return;
    issues.push({
      path: `$.voicemail.greeting[${i}].audio`,
      expected:
        'speech, silence or dtmf segments in the app (a recording runs in the CLI, read next to the scenario file; here, open it in the Greeting view and use it as the greeting)',
      found: JSON.stringify(segment.audio),
    });
  });
  return issues.length > 0 ? { ok: false, issues } : result;
}
