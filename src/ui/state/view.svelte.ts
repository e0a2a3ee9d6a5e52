import { readViewParam, withViewParam } from './urlState.ts';

/** The app's views, in navigation order. */
export const VIEWS = [
  { id: 'compare', label: 'Compare' },
  { id: 'replay', label: 'Replay a call' },
  { id: 'story', label: 'Story mode' },
  { id: 'greeting', label: 'Greeting' },
  { id: 'login', label: 'Login demo' },
  { id: 'scenario', label: 'Scenario' },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];

const DEFAULT_VIEW: ViewId = 'compare';

function isViewId(id: string | null): id is ViewId {
  return VIEWS.some((item) => item.id === id);
}

class ViewState {
  current: ViewId = $state(DEFAULT_VIEW);
}

export const view = new ViewState();

/**
 * Keeps the view in the URL's hash (`view=login`; none for Compare) next to the scenario, so a
 * link or a reload opens the same view. Call once while the app's root component initialises.
 */
export function syncViewWithUrl(): () => void {
  const fromUrl = () => {
    const id = readViewParam(location.hash);
    view.current = isViewId(id) ? id : DEFAULT_VIEW;
  };
  fromUrl();
  addEventListener('hashchange', fromUrl);
  const stopEffects = $effect.root(() => {
    $effect(() => {
      const hash = withViewParam(
        location.hash,
        view.current === DEFAULT_VIEW ? null : view.current,
      );
      if (hash !== location.hash) {
        history.replaceState(
          history.state,
          '',
          hash === '' ? location.pathname + location.search : hash,
        );
      }
    });
  });
  return () => {
    removeEventListener('hashchange', fromUrl);
    stopEffects();
  };
}
