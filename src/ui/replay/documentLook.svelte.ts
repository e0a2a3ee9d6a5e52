import { presenter } from '../state/presenter.svelte.ts';

/**
 * What the replay's drawings need from the page's look: the SVG label size in px (the
 * `--svg-label` token, 18 in presenter mode) to lay boxes out around text of that size, and
 * whether presenter mode is on (`data-presenter` on <html>, set by the shell with
 * `presenter.active`). Read from <html> and kept up to date by watching its attributes, so it
 * follows the token whoever sets the mode.
 */
class DocumentLook {
  svgLabelPx = $state(12);
  presenterAttribute = $state(false);

  /** Presenter mode, from the shared state or the attribute on <html>. */
  get presenter(): boolean {
    return presenter.active || this.presenterAttribute;
  }

  read(): void {
    const root = document.documentElement;
    this.presenterAttribute = root.hasAttribute('data-presenter');
    const px = parseFloat(getComputedStyle(root).getPropertyValue('--svg-label'));
    if (Number.isFinite(px) && px > 0) this.svgLabelPx = px;
  }
}

export const documentLook = new DocumentLook();

if (typeof document !== 'undefined') {
  documentLook.read();
  new MutationObserver(() => documentLook.read()).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['data-presenter', 'data-theme', 'style', 'class'],
  });
}
