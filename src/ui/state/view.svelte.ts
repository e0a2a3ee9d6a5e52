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

class ViewState {
  current: ViewId = $state('compare');
}

export const view = new ViewState();
