import { formatIssue, parseScenarioText } from '../../scenario/index.ts';
import { readScenarioLink, withScenarioLink, type ScenarioLink } from '../state/urlState.ts';
import { appEntryState, isAppEntry } from '../state/historyEntry.ts';
import { workbench } from '../state/workbench.svelte.ts';
import { bundledScenario, DEFAULT_SCENARIO_ID } from './bundled.ts';

/** Why the link the page was opened with could not be used, until dismissed. */
class LinkNotice {
  message: string | null = $state(null);
}

export const linkNotice = new LinkNotice();

/**
 * Loads the scenario a location hash carries into the workbench. A link that cannot be used
 * leaves the default scenario loaded and says why.
 */
export function openScenarioLink(hash: string): string | null {
  const link = readScenarioLink(hash);
  switch (link.kind) {
    case 'none':
      return null;
    case 'unreadable':
      return fallBack(link.reason);
    case 'bundled':
      if (!bundledScenario(link.id)) {
        return fallBack(`it names a bundled scenario "${link.id}" that this version does not have`);
      }
      workbench.loadBundled(link.id);
      return null;
    case 'text': {
      const result = parseScenarioText(link.text);
      if (result.ok) {
        workbench.loadText(link.text);
        return null;
      }
      const first = result.issues[0]!;
      if (first.expected === 'valid JSON') {
        return fallBack('its scenario data is corrupt or cut short (it does not decode to JSON)');
      }
      const count = result.issues.length + (result.moreIssues ?? 0);
      return fallBack(
        `its scenario is invalid (${count} ${count === 1 ? 'problem' : 'problems'}, the first: ${formatIssue(first)})`,
      );
    }
  }
}

function fallBack(reason: string): string {
  workbench.loadBundled(DEFAULT_SCENARIO_ID);
  return `This link's scenario could not be opened: ${reason}. Showing the default scenario instead.`;
}

/** The link for the workbench's scenario: a bundled one left as shipped is named by its id. */
function currentLink(): ScenarioLink {
  return workbench.sourceId !== null
    ? { kind: 'bundled', id: workbench.sourceId }
    : { kind: 'text', text: workbench.text };
}

/** Writes the workbench's valid scenario into the URL, replacing the current history entry. */
function writeScenarioToUrl(): void {
  if (!workbench.validation.ok) return;
  const hash = withScenarioLink(location.hash, currentLink());
  if (hash !== location.hash) history.replaceState(history.state, '', hash);
}

/**
 * Keeps the scenario and the URL in step: the link the page opened with wins over the default,
 * and every valid change replaces the URL (no history entry per keystroke), so copying the
 * address bar shares the exact scenario. An invalid text leaves the last valid link in place.
 * Back and Forward through the app's own entries (historyEntry.ts) keep the scenario being
 * worked on and write it into the entry; a link pasted into the address bar opens its scenario.
 * Call once while the app's root component initialises; returns the teardown.
 */
export function syncScenarioWithUrl(): () => void {
  linkNotice.message = openScenarioLink(location.hash);
  history.replaceState(appEntryState(), '', location.href);

  const onHashChange = () => {
    if (!isAppEntry(history.state)) {
      // Someone pasted or edited a link in this tab; our own replaceState fires no hashchange.
      linkNotice.message = openScenarioLink(location.hash);
      history.replaceState(appEntryState(), '', location.href);
    }
    writeScenarioToUrl();
  };
  addEventListener('hashchange', onHashChange);

  const stopEffects = $effect.root(() => {
    $effect(writeScenarioToUrl);
  });

  return () => {
    removeEventListener('hashchange', onHashChange);
    stopEffects();
  };
}
