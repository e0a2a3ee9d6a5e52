/**
 * Refreshes the README's screenshots of the main views (docs/*.png): `npm run screenshots`.
 * Skipped in `npm test`, which must not rewrite committed files.
 */
import { expect, test } from '@playwright/test';

test.skip(
  !process.env.UPDATE_SCREENSHOTS,
  'set UPDATE_SCREENSHOTS=1 (npm run screenshots) to refresh docs/',
);
test.use({ viewport: { width: 1280, height: 800 } });

test('compare view after a run', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: /^Run/ }).first().click();
  await expect(page.locator('tbody tr')).toHaveCount(4, { timeout: 60_000 });
  await page.screenshot({ path: 'docs/compare.png', fullPage: true });
});

test('replay of an intercepted call', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Replay a call' }).click();
  await page.getByRole('button', { name: /Find an intercepted call/ }).click();
  await expect(page.locator('[data-recorded="true"]').first()).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: 'docs/replay.png', fullPage: true });
});

test('scenario workbench', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Scenario' }).click();
  await expect(page.locator('.cm-content')).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: 'docs/scenario.png', fullPage: true });
});

test('story mode', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Story mode' }).click();
  await page.waitForTimeout(1000);
  await page.screenshot({ path: 'docs/story.png', fullPage: true });
});
