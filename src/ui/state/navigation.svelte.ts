import { replaySelection } from '../replay/replaySelection.svelte.ts';
import { STORY_SCENES } from '../story/scenes.ts';
import { story } from '../story/storyPosition.svelte.ts';
import { appEntryState } from './historyEntry.ts';
import {
  callParam,
  readCallParam,
  readSceneParam,
  readViewParam,
  sceneParam,
  withHashParams,
} from './urlState.ts';
import { DEFAULT_VIEW, isViewId, view, viewLabel, type ViewId } from './view.svelte.ts';

/**
 * Where the app is, as the link says it: `view=` (none for Compare), and in Story the scene
 * (`scene=`, 1-based), in Replay the call (`call=<strategy>.<kind>.<trial>.<call>`).
 */
function navigationParams(): Record<string, string | null> {
  return {
    view: view.current === DEFAULT_VIEW ? null : view.current,
    scene: view.current === 'story' ? sceneParam(story.index) : null,
    call: view.current === 'replay' ? callParam(replaySelection) : null,
  };
}

/**
 * Moves the app to where a hash says: its view (Compare when it names none or an unknown one),
 * and the scene or call it names when valid; a bad scene or call keeps the current one.
 */
export function openNavigationLink(hash: string): ViewId {
  const id = readViewParam(hash);
  view.current = isViewId(id) ? id : DEFAULT_VIEW;
  const scene = readSceneParam(hash, STORY_SCENES.length);
  if (view.current === 'story' && scene !== null) story.index = scene;
  const call = readCallParam(hash);
  if (view.current === 'replay' && call !== null) {
    replaySelection.strategy = call.strategy;
    replaySelection.kind = call.kind;
    replaySelection.trialIndex = call.trialIndex;
    replaySelection.callIndex = call.callIndex;
  }
  return view.current;
}

/**
 * Keeps the view, the Story scene and the replayed call in the URL's hash next to the scenario.
 * A change of view pushes a history entry, so Back and Forward move between views; a change
 * within a view (the next scene, another trial) replaces the entry, so Back leaves Story in one
 * press however many scenes were shown. Back, Forward and an edited link move the app to where
 * the URL says. The title follows the view. Call once while the app's root component
 * initialises (after the scenario's sync); returns the teardown.
 */
export function syncNavigationWithUrl(): () => void {
  /** The view the current history entry is for. */
  let entryView = openNavigationLink(location.hash);
  const fromUrl = () => {
    entryView = openNavigationLink(location.hash);
  };
  addEventListener('popstate', fromUrl);
  addEventListener('hashchange', fromUrl);
  const stopEffects = $effect.root(() => {
    $effect(() => {
      const hash = withHashParams(location.hash, navigationParams());
      const url = hash === '' ? location.pathname + location.search : hash;
      if (view.current !== entryView) {
        entryView = view.current;
        history.pushState(appEntryState(), '', url);
      } else if (hash !== location.hash) {
        history.replaceState(history.state, '', url);
      }
    });
    $effect(() => {
      document.title = `${viewLabel(view.current)} — voice-otp-lab`;
    });
  });
  return () => {
    removeEventListener('popstate', fromUrl);
    removeEventListener('hashchange', fromUrl);
    stopEffects();
  };
}
