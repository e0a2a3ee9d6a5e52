/** The scene Story mode shows (0-based); kept across view switches so a session resumes. */
class StoryPosition {
  index = $state(0);
}

export const story = new StoryPosition();
