import {
  audioInAppIssue,
  greetingAudioSegments,
  type ValidationResult,
} from '../../scenario/index.ts';

/**
 * What the app cannot run although the CLI can: a greeting segment that is an audio file (the
 * page has no files next to the scenario; scenario/greetingAudio.ts). Reported like any other
 * problem, at its JSON path.
 */
export function withAppRules(result: ValidationResult): ValidationResult {
  if (!result.ok) return result;
  const issues = greetingAudioSegments(result.scenario.voicemail.greeting).map(audioInAppIssue);
  return issues.length > 0 ? { ok: false, issues } : result;
}
