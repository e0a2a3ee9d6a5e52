import { expect, test, type Page } from '@playwright/test';

const tab = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Views' }).getByRole('tab', { name, exact: true });

async function open(page: Page, name: string): Promise<void> {
  await tab(page, name).click();
  await expect(tab(page, name)).toHaveAttribute('aria-selected', 'true');
}

test('Back and Forward move between the views, and the title follows', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle('Compare — voice-otp-lab');
  await open(page, 'Scenario');
  await open(page, 'Login demo');
  await expect(page).toHaveURL(/[#&]view=login(&|$)/);
  await expect(page).toHaveTitle('Login demo — voice-otp-lab');

  await page.goBack();
  await expect(tab(page, 'Scenario')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: 'Scenario', exact: true })).toBeVisible();
  await expect(page).toHaveTitle('Scenario — voice-otp-lab');
  await page.goBack();
  await expect(tab(page, 'Compare')).toHaveAttribute('aria-selected', 'true');
  await expect(page).not.toHaveURL(/view=/);
  await page.goForward();
  await expect(tab(page, 'Scenario')).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(/[#&]view=scenario(&|$)/);
});

test('scenes replace the history entry, so one Back leaves Story mode', async ({ page }) => {
  await page.goto('/');
  await open(page, 'Greeting');
  await open(page, 'Story mode');
  const next = page.getByRole('button', { name: 'Next scene' });
  await next.click();
  await next.click();
  await expect(page.getByTestId('scene-position')).toContainText('Scene 3 of');
  await expect(page).toHaveURL(/[#&]view=story&scene=3(&|$)/);
  await page.goBack();
  await expect(tab(page, 'Greeting')).toHaveAttribute('aria-selected', 'true');
  // Forward returns to the scene Story was left on.
  await page.goForward();
  await expect(page.getByTestId('scene-position')).toContainText('Scene 3 of');
});

test('Back keeps the scenario being worked on', async ({ page }) => {
  await page.goto('/');
  await open(page, 'Scenario');
  const picker = page.getByLabel('Bundled scenario');
  await picker.selectOption('carrier-default-greeting');
  const name = (await picker.locator('option:checked').textContent())!.trim();
  // The Compare entry was made with the default scenario; going back to it keeps this one.
  await page.goBack();
  await expect(tab(page, 'Compare')).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('header .current')).toContainText(name);
  await expect(page).toHaveURL(/#id=carrier-default-greeting$/);
  await page.goForward();
  await expect(picker).toHaveValue('carrier-default-greeting');
});

test('a link with a scene reopens it', async ({ page }) => {
  await page.goto('/#view=story&scene=4');
  await expect(page.getByTestId('scene-position')).toContainText('Scene 4 of');
  await expect(page.locator('article[data-scene="4"]')).toBeVisible();
});

test('a link with a call reopens its strategy, kind and trial', async ({ page }) => {
  await page.goto('/#id=night-attack-dtmf-1&view=replay&call=amd.legit.42.0');
  await expect(page.getByRole('heading', { name: 'Replay a call' })).toBeVisible();
  await expect(page.getByLabel('Strategy')).toHaveValue('amd');
  await expect(page.getByRole('radio', { name: /^legit/ })).toBeChecked();
  await expect(page.getByLabel('Trial number')).toHaveValue('42');
  // Choosing another trial rewrites the link in place.
  await page.getByLabel('Trial number').fill('7');
  await expect(page).toHaveURL(/[#&]call=amd\.legit\.7\.0(&|$)/);
});

test('a bad scene or call in a link is ignored for the default', async ({ page }) => {
  await page.goto('/#view=story&scene=99');
  await expect(page.getByTestId('scene-position')).toContainText('Scene 1 of');
  await expect(page).toHaveURL(/[#&]scene=1(&|$)/);
  await page.goto('about:blank');
  await page.goto('/#view=replay&call=amd.burglary.-3.0');
  await expect(page.getByLabel('Trial number')).toHaveValue('0');
  await expect(page.getByRole('radio', { name: /^attack/ })).toBeChecked();
  await page.goto('about:blank');
  await page.goto('/#view=nowhere');
  await expect(tab(page, 'Compare')).toHaveAttribute('aria-selected', 'true');
});

test('the view tabs follow the APG tabs pattern', async ({ page }) => {
  await page.goto('/');
  const tabs = page.getByRole('tab');
  await expect(tabs).toHaveCount(8);
  await expect(page.getByRole('tablist')).toBeVisible();
  const compare = tab(page, 'Compare');
  await expect(compare).toHaveAttribute('tabindex', '0');
  await expect(tab(page, 'Replay a call')).toHaveAttribute('tabindex', '-1');
  const panelId = await compare.getAttribute('aria-controls');
  await expect(page.getByRole('tabpanel')).toHaveAttribute('id', panelId!);
  await expect(page.getByRole('tabpanel')).toHaveAttribute('aria-labelledby', 'tab-compare');

  await compare.focus();
  await page.keyboard.press('ArrowRight');
  await expect(tab(page, 'Replay a call')).toBeFocused();
  await page.keyboard.press('End');
  await expect(tab(page, 'Scenario')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(compare).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(tab(page, 'Scenario')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(compare).toBeFocused();
  // Moving the focus does not open a view; Enter does.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(compare).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(tab(page, 'Story mode')).toHaveAttribute('aria-selected', 'true');
  await expect(tab(page, 'Story mode')).toHaveAttribute('tabindex', '0');
  await expect(tab(page, 'Story mode')).toBeFocused();
  await expect(compare).toHaveAttribute('tabindex', '-1');
});

test('Copy link copies the address and says so', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/#view=greeting');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
});

test('Copy link shows the link to select when the browser refuses the clipboard', async ({
  page,
}) => {
  await page.addInitScript(() => {
    navigator.clipboard.writeText = () =>
      Promise.reject(new DOMException('denied', 'NotAllowedError'));
  });
  await page.goto('/#view=greeting');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('The browser did not allow copying')).toBeVisible();
  const field = page.getByLabel('Link to this page');
  await expect(field).toHaveValue(page.url());
  await expect(field).toBeFocused();
  expect(
    await field.evaluate((input: HTMLInputElement) => [input.selectionStart, input.selectionEnd]),
  ).toEqual([0, page.url().length]);
});
