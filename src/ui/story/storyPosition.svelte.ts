import { STORY_SCENES } from './scenes.ts';
import { bundledScenario } from '../scenario/bundled.ts';

/** The scene Story mode shows (0-based); kept across view switches so a session resumes. */
class StoryPosition {
  /** 0-based; the shell keeps it in the link as `scene=<index + 1>`. */
  index = $state(0);
  /** The current scene's scenario name: the shell's "Scenario:" header while Story is on screen. */
  readonly scenarioName = $derived.by(() => {
    const scene = STORY_SCENES[this.index];
    return scene ? (bundledScenario(scene.scenarioId)?.name ?? scene.scenarioId) : '';
  });
}

export const story = new StoryPosition();
