import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';

// Playwright's webServer runs `npm run build` before the tests, so dist/ is this build.
test('the static build refers to its assets relatively, so it works from any folder', () => {
  const html = readFileSync('dist/index.html', 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
  const assets = refs.filter((ref) => !ref.startsWith('data:'));
  expect(assets.length).toBeGreaterThan(0);
  for (const ref of assets) expect(ref).toMatch(/^\.\//);
});

test('opened from disk, the static build says to serve it through a web server', async ({
  page,
}) => {
  await page.goto(pathToFileURL(resolve('dist/index.html')).href);
  const hint = page.getByRole('heading', { name: 'Open voice-otp-lab through a web server' });
  await expect(hint).toBeVisible();
  await expect(page.getByText('npx vite preview')).toBeVisible();
  await expect(page.getByText('Loading voice-otp-lab…')).toBeHidden();
});

test('served, the app replaces the static hint, and the tab shows the favicon', async ({
  page,
  request,
}) => {
  await page.goto('/');
  await expect(page.locator('#app > :not(.static-hint)').first()).toBeVisible();
  await expect(page.getByTestId('static-hint')).toBeHidden();
  const icon = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(icon).toBe('./favicon.svg');
  const response = await request.get(icon!);
  expect(response.headers()['content-type']).toContain('image/svg+xml');
  expect(await response.text()).toContain('<svg');
});
