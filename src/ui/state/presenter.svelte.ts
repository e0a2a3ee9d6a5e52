/**
 * Presenter mode: the app projected in front of a room. While active, <html> carries
 * `data-presenter` (see src/ui/style/theme.css: the type scale starts at 18 px), the chrome
 * collapses and Story and Replay fit one 1280×720 screen. Clicker keys (ArrowRight, PageDown,
 * Space to advance; ArrowLeft, PageUp to go back) are handled by the view on screen.
 */
class PresenterState {
  active = $state(false);
}

export const presenter = new PresenterState();
