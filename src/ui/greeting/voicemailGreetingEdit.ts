import type { GreetingSegment } from '../../scenario/index.ts';
import type { JsonObject, ScenarioEdit } from '../scenario/form/editScenarioText.ts';

/**
 * Makes `segments` the box's greeting and turns voicemail on (a greeting nobody reaches shows
 * nothing). Every other voicemail setting is left as the author wrote it.
 */
export function useAsVoicemailGreeting(segments: readonly GreetingSegment[]): ScenarioEdit {
  return (root) => {
    const current = root.voicemail;
    const voicemail: JsonObject =
      typeof current === 'object' && current !== null && !Array.isArray(current)
        ? (current as JsonObject)
        : {};
    voicemail.enabled = true;
    voicemail.greeting = segments.map((segment) => ({ ...segment }));
    root.voicemail = voicemail;
  };
}
