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

test('greeting analysis', async ({ page }) => {
  await page.goto('/');
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Greeting', exact: true })
    .click();
  await page.getByRole('button', { name: /^Attacker: “Hello\?”/ }).click();
  await expect(page.getByRole('img', { name: /Waveform with \d+ speech/ })).toBeVisible({
    timeout: 30_000,
  });
  await page.screenshot({ path: 'docs/greeting.png', fullPage: true });
});

test('login demo, attacker reading the voicemail', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Login demo' }).click();
  await expect(page.getByRole('button', { name: 'Send code by call' })).toBeEnabled();
  await page.getByRole('radio', { name: /^static-prompt:/ }).check();
  await page.getByRole('radio', { name: /greeting presses 1/ }).check();
  await page.getByLabel(/^Phone number/).fill('+15005550199');
  await page.getByRole('button', { name: 'Send code by call' }).click();
  await page.getByRole('radio', { name: /the attacker/ }).check();
  await page.getByRole('button', { name: /Open the voicemail of/ }).click();
  await page.getByRole('button', { name: '▶ Replay message 1' }).click();
  await expect(page.getByTestId('voicemail-transcript')).toContainText(
    'Your verification code is:',
  );
  await page.screenshot({ path: 'docs/login.png', fullPage: true });
});
