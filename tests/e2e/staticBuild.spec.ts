import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

// Playwright's webServer runs `npm run build` before the tests, so dist/ is this build.
test('the static build refers to its assets relatively, so it works from any folder', () => {
  const html = readFileSync('dist/index.html', 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
  const assets = refs.filter((ref) => !ref.startsWith('data:'));
  expect(assets.length).toBeGreaterThan(0);
  for (const ref of assets) expect(ref).toMatch(/^\.\//);
});
