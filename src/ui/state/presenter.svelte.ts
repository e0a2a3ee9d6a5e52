/**
 * Presenter mode: the app projected in front of a room. While active, <html> carries
 * `data-presenter` (see src/ui/style/theme.css: the type scale starts at 18 px), the chrome
 * collapses and Story and Replay fit one 1280×720 screen. Clicker keys (ArrowRight, PageDown,
 * Space to advance; ArrowLeft, PageUp to go back) are handled by the view on screen; this module
 * handles only F (toggle) and Escape (leave).
 */
class PresenterState {
  active = $state(false);
}

export const presenter = new PresenterState();

/**
 * The fullscreen on screen is the one presenter mode asked for in its current activation: only
 * then does leaving it (the browser's Escape or its control) leave presenter mode too. Fullscreen
 * changes are asynchronous, so an exit still under way from a previous activation must not end
 * a new one.
 */
let fullscreenIsOurs = false;

/** Enters presenter mode and asks for fullscreen; a browser that refuses leaves the page as is. */
export function enterPresenterMode(): void {
  presenter.active = true;
  const root = document.documentElement;
  if (!document.fullscreenElement && typeof root.requestFullscreen === 'function') {
    root
      .requestFullscreen()
      .then(() => {
        // Left again before the browser granted it: give the screen back.
        if (presenter.active) fullscreenIsOurs = true;
        else void document.exitFullscreen().catch(() => {});
      })
      // Refused outside a user gesture, in an iframe without permission, or by policy.
      .catch(() => {});
  }
}

/** Leaves presenter mode and the fullscreen it entered. */
export function leavePresenterMode(): void {
  presenter.active = false;
  fullscreenIsOurs = false;
  if (document.fullscreenElement && typeof document.exitFullscreen === 'function') {
    document.exitFullscreen().catch(() => {});
  }
}

/** Enters or leaves presenter mode. */
export function togglePresenterMode(): void {
  if (presenter.active) leavePresenterMode();
  else enterPresenterMode();
}

/**
 * Whether a key pressed here is text being typed (inputs, text areas, selects, the CodeMirror
 * editor or anything contenteditable), so a letter must not trigger a shortcut.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(target.type);
  return (
    target.closest('textarea, select, [contenteditable]:not([contenteditable="false"])') !== null ||
    target.closest('.cm-editor') !== null
  );
}

/** Input types that take no typed text: a letter pressed on them may be a shortcut. */
const NON_TEXT_INPUTS = new Set([
  'checkbox',
  'radio',
  'button',
  'submit',
  'reset',
  'range',
  'color',
  'file',
  'image',
]);

function onKeyDown(event: KeyboardEvent): void {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.key === 'Escape' && presenter.active) {
    leavePresenterMode();
  } else if ((event.key === 'f' || event.key === 'F') && !event.repeat) {
    if (isTypingTarget(event.target)) return;
    event.preventDefault();
    togglePresenterMode();
  }
}

/**
 * Keeps `data-presenter` on <html> in step with presenter mode, binds F and Escape, and leaves
 * presenter mode when the browser leaves fullscreen on its own (its Escape never reaches the
 * page). Call once from the root component; returns the teardown.
 */
export function syncPresenterWithDocument(): () => void {
  const onFullscreenChange = () => {
    if (document.fullscreenElement !== null || !fullscreenIsOurs) return;
    fullscreenIsOurs = false;
    presenter.active = false;
  };
  addEventListener('keydown', onKeyDown);
  document.addEventListener('fullscreenchange', onFullscreenChange);
  const stopEffects = $effect.root(() => {
    $effect(() => {
      document.documentElement.toggleAttribute('data-presenter', presenter.active);
    });
  });
  return () => {
    removeEventListener('keydown', onKeyDown);
    document.removeEventListener('fullscreenchange', onFullscreenChange);
    stopEffects();
  };
}
