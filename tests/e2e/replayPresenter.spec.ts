import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

test.use({ viewport: { width: 1280, height: 720 } });

/** Replay of an intercepted static-prompt attack, chosen before the picker folds away. */
async function openInterceptedCall(page: Page) {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Replay a call' }).click();
  await page.getByLabel('Strategy').selectOption('static-prompt');
  await page.getByRole('button', { name: 'Find an intercepted call' }).click();
  await expect(page.getByTestId('search-status')).toContainText(/Found trial \d+/);
}

/** Presenter mode through the shell's button. */
async function enterPresenterMode(page: Page) {
  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-presenter', /.*/);
  await page.evaluate(() => window.scrollTo(0, 0));
  // The lanes re-laid out for 18 px labels.
  await expect(page.locator('[data-lane] text').first()).toHaveCSS('font-size', '18px');
}

/** Rendered text on the page (presenter bar and view) smaller than `minPx`: HTML text and SVG <text>, form controls too. */
async function smallText(page: Page, minPx: number): Promise<string[]> {
  return page.evaluate((min) => {
    const found: string[] = [];
    // Not rendered (closed <details>, display: none) or left to screen readers (in a 1 px box).
    const shown = (element: Element) => {
      for (let e: Element | null = element; e && e !== main; e = e.parentElement) {
        const rect = e.getBoundingClientRect();
        if (rect.width <= 1 || rect.height <= 1) return false;
      }
      return true;
    };
    const check = (element: Element, text: string) => {
      const size = parseFloat(getComputedStyle(element).fontSize);
      if (size < min && shown(element)) found.push(`${size}px: ${text.trim().slice(0, 40)}`);
    };
    const main = document.body; // the presenter bar and the view
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent?.trim() || parent.closest('option, title, style')) continue;
      check(parent, node.textContent);
    }
    // Radio buttons and checkboxes show no text.
    for (const control of main.querySelectorAll('select, input:not([type=radio]), button'))
      check(control, control.outerHTML.slice(0, 60));
    return found;
  }, minPx);
}

test('in presenter mode at 1280×720 the narrative, the lit diagram and the lanes fit one screen in 18 px text', async ({
  page,
}) => {
  await openInterceptedCall(page);
  await enterPresenterMode(page);

  const parts = {
    narrative: page.getByTestId('call-summary'),
    diagram: page.locator('figure.flow-diagram'),
    lit: page.locator('li[data-state][aria-current="step"]'),
    lanes: page.getByTestId('swim-lanes'),
    controls: page.getByRole('group', { name: /^Playback/ }),
  };
  for (const [name, locator] of Object.entries(parts)) {
    const box = (await locator.boundingBox())!;
    expect(box, name).not.toBeNull();
    expect(box.x, `${name} left`).toBeGreaterThanOrEqual(0);
    expect(box.y, `${name} top`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${name} right`).toBeLessThanOrEqual(1280);
    expect(box.y + box.height, `${name} bottom`).toBeLessThanOrEqual(720);
  }
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(720);
  expect(await smallText(page, 18)).toEqual([]);

  // The attacker typing the code is on screen: Auto fits the whole trial.
  const typed = page.locator('[data-submission="attacker"]');
  const typedBox = (await typed.boundingBox())!;
  const lanesBox = (await parts.lanes.boundingBox())!;
  expect(typedBox.x + typedBox.width).toBeLessThanOrEqual(lanesBox.x + lanesBox.width);
  await expect(typed.locator('text')).toContainText(/✓ types \d{6}: accepted/);
});

test('outside presenter mode no SVG label of the replay is under 12 px', async ({ page }) => {
  await openInterceptedCall(page);
  const sizes = await page
    .locator('main svg text')
    .evaluateAll((texts) => texts.map((t) => parseFloat(getComputedStyle(t).fontSize)));
  expect(sizes.length).toBeGreaterThan(10);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
});

test('Space plays and pauses; arrows and PageDown/PageUp step event by event', async ({ page }) => {
  await openInterceptedCall(page);
  await enterPresenterMode(page);
  const playhead = page.getByTestId('playhead');
  const lit = page.locator('li[data-state][aria-current="step"]');
  await expect(playhead).toHaveAttribute('data-time-ms', '0');

  // The box picks up at 25 s and the flow starts its prompt.
  await page.keyboard.press('ArrowRight');
  await expect(playhead).toHaveAttribute('data-time-ms', '25000');
  await expect(lit).toHaveAttribute('data-state', 'prompting');
  await page.keyboard.press('ArrowLeft');
  await expect(playhead).toHaveAttribute('data-time-ms', '0');
  await page.keyboard.press('PageDown');
  await expect(playhead).toHaveAttribute('data-time-ms', '25000');
  await page.keyboard.press('PageUp');
  await expect(playhead).toHaveAttribute('data-time-ms', '0');

  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: /Pause$/ })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: /^▶ Play$/ })).toBeVisible();
  const stoppedAt = Number(await playhead.getAttribute('data-time-ms'));
  expect(stoppedAt).toBeGreaterThan(0);

  // In a form control the keys are the control's own.
  await page.getByLabel('Speed').focus();
  await page.keyboard.press('ArrowRight');
  expect(Number(await playhead.getAttribute('data-time-ms'))).toBe(stoppedAt);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the replay in presenter mode has no serious or critical accessibility violations (${colorScheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await openInterceptedCall(page);
    await enterPresenterMode(page);
    await page.keyboard.press('ArrowRight');
    const results = await new AxeBuilder({ page }).include('main').analyze();
    const severe = results.violations.filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(
      severe.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
  });
}
