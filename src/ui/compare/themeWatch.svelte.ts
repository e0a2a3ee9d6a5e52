import { createSubscriber } from 'svelte/reactivity';

let version = 0;

/**
 * Changes whenever the look may have: the user's theme (`data-theme` on <html>), presenter mode
 * (`data-presenter`) or the system's prefers-color-scheme. Read `theme.version` in an effect
 * that draws with resolved colours (Observable Plot) to draw again then.
 */
const subscribe = createSubscriber((update) => {
  const bump = () => {
    version += 1;
    update();
  };
  const observer = new MutationObserver(bump);
  observer.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['data-theme', 'data-presenter'],
  });
  const media = matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', bump);
  return () => {
    observer.disconnect();
    media.removeEventListener('change', bump);
  };
});

export const theme = {
  get version(): number {
    subscribe();
    return version;
  },
};
