/** The app's views, in navigation order. */
export const VIEWS = [
  { id: 'compare', label: 'Compare' },
  { id: 'replay', label: 'Replay a call' },
  { id: 'story', label: 'Story mode' },
  { id: 'greeting', label: 'Greeting' },
  { id: 'redteam', label: 'Red team' },
  { id: 'login', label: 'Login demo' },
  { id: 'sweep', label: 'Sweep' },
  { id: 'scenario', label: 'Scenario' },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];

/** The view the app opens with; a link names no view for it. */
export const DEFAULT_VIEW: ViewId = 'compare';

/** Whether a string (from a link) names one of the views. */
export function isViewId(id: string | null): id is ViewId {
  return VIEWS.some((item) => item.id === id);
}

/** A view's label, as its tab and the page title say it. */
export function viewLabel(id: ViewId): string {
  return VIEWS.find((item) => item.id === id)!.label;
}

class ViewState {
  current: ViewId = $state(DEFAULT_VIEW);
}

export const view = new ViewState();
