import { expect, test } from '@playwright/test';

test('the page runs the bundled scenario with the engine and shows one row per strategy', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'voice-otp-lab' })).toBeVisible();
  await page.getByLabel('Trials per strategy').fill('500');
  await page.getByRole('button', { name: 'Run' }).click();
  const rows = page.locator('tbody tr');
  await expect(rows).toHaveCount(4);
  await expect(rows.locator('th')).toHaveText(['naive', 'static-prompt', 'amd', 'random-digit']);
  // A DTMF-1 greeting beats "press 1" nearly every time; a random digit only about 1 time in 10.
  const staticInterception = await rows.nth(1).locator('td').first().textContent();
  const randomInterception = await rows.nth(3).locator('td').first().textContent();
  expect(parseFloat(staticInterception!)).toBeGreaterThan(90);
  expect(parseFloat(randomInterception!)).toBeLessThan(20);
});
