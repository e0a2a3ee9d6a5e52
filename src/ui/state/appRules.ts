import {
  audioInAppIssue,
  flowInAppIssues,
  greetingAudioSegments,
  type ValidationResult,
} from '../../scenario/index.ts';

/**
 * What the app cannot run although the CLI can: a greeting segment that is an audio file
 * (scenario/greetingAudio.ts) or a flow whose documents are files or a webhook
 * (scenario/flowDocuments.ts): the page has no files next to the scenario and makes no
 * requests. Reported like any other problem, at its JSON path.
 */
export function withAppRules(result: ValidationResult): ValidationResult {
  if (!result.ok) return result;
  const issues = [
    ...greetingAudioSegments(result.scenario.voicemail.greeting).map(audioInAppIssue),
    ...flowInAppIssues(result.scenario.flows),
  ];
  return issues.length > 0 ? { ok: false, issues } : result;
}
