import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const html = (page: Page) => page.locator('html');
const enterButton = (page: Page) =>
  page.getByRole('button', { name: 'Presenter mode', exact: true });
const exitButton = (page: Page) => page.getByRole('button', { name: 'Exit presenter mode' });
const tab = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Views' }).getByRole('tab', { name, exact: true });

/** The font size of every rendered text node in an element, with the text it is for. */
function textSizes(page: Page, selector = 'header'): Promise<Array<{ text: string; px: number }>> {
  return page.evaluate((selector) => {
    const sizes: Array<{ text: string; px: number }> = [];
    const root = document.querySelector(selector)!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent!.trim();
      const element = node.parentElement!;
      if (text === '' || element.getClientRects().length === 0) continue;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden') continue;
      sizes.push({ text, px: parseFloat(style.fontSize) });
    }
    return sizes;
  }, selector);
}

test('the button enters presenter mode and collapses the chrome; its exit button leaves', async ({
  page,
}) => {
  await page.goto('/');
  await expect(html(page)).not.toHaveAttribute('data-presenter');
  await expect(page.getByText('How often does a code read out')).toBeVisible();
  await enterButton(page).click();
  await expect(html(page)).toHaveAttribute('data-presenter', '');
  await expect(page.getByText('How often does a code read out')).toBeHidden();
  await expect(page.locator('header .current')).toBeHidden();
  await expect(page.getByLabel('Show technical details')).toBeHidden();
  await expect(tab(page, 'Story mode')).toBeVisible();
  // The view has the focus, so a clicker's Space reaches it rather than the exit button.
  await expect(page.locator('#view-panel')).toBeFocused();
  await exitButton(page).click();
  await expect(html(page)).not.toHaveAttribute('data-presenter');
  await expect(page.getByText('How often does a code read out')).toBeVisible();
  await expect(enterButton(page)).toBeFocused();
});

test('F toggles presenter mode, Escape leaves it, and F typed into a field is text', async ({
  page,
}) => {
  await page.goto('/');
  await page.locator('body').press('f');
  await expect(html(page)).toHaveAttribute('data-presenter', '');
  await page.keyboard.press('F');
  await expect(html(page)).not.toHaveAttribute('data-presenter');
  await page.keyboard.press('f');
  await expect(html(page)).toHaveAttribute('data-presenter', '');
  await page.keyboard.press('Escape');
  await expect(html(page)).not.toHaveAttribute('data-presenter');
  // A checkbox or a radio button takes no text: F there is the shortcut.
  await page.getByLabel('Show technical details').press('f');
  await expect(html(page)).toHaveAttribute('data-presenter', '');
  await page.keyboard.press('Escape');

  await tab(page, 'Replay a call').click();
  const trial = page.getByLabel('Trial number');
  await trial.fill('');
  await trial.press('f');
  await expect(trial).toHaveValue('f');
  await expect(html(page)).not.toHaveAttribute('data-presenter');
  await tab(page, 'Scenario').click();
  await page.locator('.cm-content').click();
  await page.keyboard.type('ff');
  await expect(html(page)).not.toHaveAttribute('data-presenter');
});

test('leaving fullscreen the browser way also leaves presenter mode', async ({ page }) => {
  await page.goto('/');
  await enterButton(page).click();
  await expect(html(page)).toHaveAttribute('data-presenter', '');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
  // What the browser does on its own Escape or its "exit full screen" control.
  await page.evaluate(() => document.exitFullscreen());
  await expect(html(page)).not.toHaveAttribute('data-presenter');
  await expect(enterButton(page)).toBeVisible();
});

test('in presenter mode all the chrome left renders text at 18 px or more', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  for (const view of ['Compare', 'Story mode', 'Replay a call', 'Scenario']) {
    await page.goto('/');
    await tab(page, view).click();
    await enterButton(page).click();
    await expect(html(page)).toHaveAttribute('data-presenter', '');
    const sizes = await textSizes(page);
    expect(sizes.map((s) => s.text)).toEqual(expect.arrayContaining([view, 'Exit presenter mode']));
    expect(
      sizes.filter((s) => s.px < 18),
      view,
    ).toEqual([]);
  }
});

test('in presenter mode the Scenario view renders all its text at 18 px or more', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/#view=scenario');
  await expect(page.locator('.cm-content')).toBeVisible();
  await enterButton(page).click();
  const sizes = await textSizes(page, 'main');
  expect(sizes.length).toBeGreaterThan(50);
  expect(sizes.filter((s) => s.px < 18)).toEqual([]);
});

test('the theme choice sets data-theme, follows the system when asked and is remembered', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await expect(page.getByRole('radio', { name: 'System' })).toBeChecked();
  await expect(html(page)).not.toHaveAttribute('data-theme');
  expect(await background()).toBe('rgb(22, 22, 26)');
  await page.getByRole('radio', { name: 'Light' }).check();
  await expect(html(page)).toHaveAttribute('data-theme', 'light');
  expect(await background()).toBe('rgb(255, 255, 255)');
  await page.reload();
  await expect(page.getByRole('radio', { name: 'Light' })).toBeChecked();
  await expect(html(page)).toHaveAttribute('data-theme', 'light');
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(html(page)).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await background()).toBe('rgb(22, 22, 26)');
  await page.getByRole('radio', { name: 'System' }).check();
  await expect(html(page)).not.toHaveAttribute('data-theme');
  expect(await background()).toBe('rgb(255, 255, 255)');
});

test('"Show technical details" is remembered and off in presenter mode', async ({ page }) => {
  await page.goto('/');
  const toggle = page.getByLabel('Show technical details');
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await page.reload();
  await expect(toggle).toBeChecked();
  expect(await page.evaluate(() => localStorage.getItem('voice-otp-lab.technical-details'))).toBe(
    'on',
  );
  await enterButton(page).click();
  await expect(toggle).toBeHidden();
});

for (const theme of ['Light', 'Dark'] as const) {
  test(`axe finds no serious or critical violation in the ${theme.toLowerCase()} theme`, async ({
    page,
  }) => {
    await page.goto('/');
    await page.getByRole('radio', { name: theme }).check();
    for (const view of ['Compare', 'Scenario', 'Greeting', 'Login demo']) {
      await tab(page, view).click();
      await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
      if (view === 'Scenario') await expect(page.locator('.cm-content')).toBeVisible();
      for (const presenting of [false, true]) {
        if (presenting) await enterButton(page).click();
        const results = await new AxeBuilder({ page }).analyze();
        const severe = results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        expect.soft(severe, `${view}, ${theme}${presenting ? ', presenter mode' : ''}`).toEqual([]);
        if (presenting) await exitButton(page).click();
      }
    }
  });
}
