import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** Waits for the bundled scenario's automatic preview (2,000 trials) to be on screen. */
async function openWithPreview(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('preview-label')).toContainText('Preview: 2,000 trials', {
    timeout: 60_000,
  });
}

/** The results container's standing ("estimate", "previous", …) each time it changes. */
async function recordStandings(page: Page) {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __standings: string[] }).__standings = seen;
    const note = () => {
      const results = document.querySelector<HTMLElement>('[data-testid="results"]');
      const standing = results ? (results.dataset.standing ?? '?') : 'none';
      if (seen.at(-1) !== standing) seen.push(standing);
    };
    note();
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-standing'],
    });
  });
}

function standings(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __standings: string[] }).__standings);
}

test('a bundled scenario opens with a labelled preview, its headline and trade-off chart', async ({
  page,
}) => {
  await openWithPreview(page);
  await expect(page.getByTestId('headline')).toContainText('cuts first-call interception from');
  await expect(page.getByTestId('tradeoff-chart').locator('svg')).toBeVisible();
  await expect(page.locator('tbody tr')).toHaveCount(4);
  await expect(page.getByRole('table')).toContainText('2,000 attack and 2,000 legit trials');

  // Another bundled scenario from the picker on Compare: its description, and its own preview.
  await page.getByLabel('Bundled scenario').selectOption('owner-answers-baseline');
  await expect(page.getByTestId('scenario-description')).not.toBeEmpty();
  await expect(page.getByRole('table')).toContainText('Baseline: the owner answers', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('preview-label')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('headline')).not.toBeEmpty();
});

test('the headline and the trade-off chart appear with the first estimate, while the run goes on', async ({
  page,
}) => {
  await openWithPreview(page);
  await page.getByLabel('Trials per strategy').fill('40000');
  await recordStandings(page);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  // On a slow or busy machine the preview's measured pace may put this run over a minute.
  const ask = page.getByRole('alertdialog');
  await expect(ask.or(page.getByRole('progressbar')).first()).toBeVisible();
  if (await ask.isVisible()) await ask.getByRole('button', { name: 'Run all anyway' }).click();
  const results = page.getByTestId('results');
  await expect(results).toHaveAttribute('data-standing', 'estimate', { timeout: 30_000 });
  await expect(page.getByRole('status')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('headline')).toContainText('cuts first-call interception');
  await expect(page.getByTestId('tradeoff-chart').locator('svg')).toBeVisible();
  await expect(page.getByTestId('time-left')).toContainText(/left/);
  await expect(page.getByRole('status')).toHaveAttribute('data-status', 'running');
  // The preview stayed on screen, marked, until the first estimate replaced it: never none.
  expect(await standings(page)).toEqual(['preview', 'previous', 'estimate']);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status')).toContainText('the earlier results are shown again');
  await expect(results).toHaveAttribute('data-standing', 'preview');
});

test('results survive a reload, without running again', async ({ page }) => {
  await openWithPreview(page);
  await page.getByLabel('Trials per strategy').fill('600');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Done');
  const figures = await page
    .getByRole('table')
    .locator('td[data-value]')
    .evaluateAll((cells) => cells.map((cell) => (cell as HTMLElement).dataset.value));
  await page.reload();
  // The fields start at the scenario's own 20,000: the saved preview is shown for them.
  await expect(page.getByTestId('preview-label')).toBeVisible();
  await expect(page.getByTestId('results')).toHaveAttribute('data-origin', 'saved');
  await page.getByLabel('Trials per strategy').fill('600');
  await expect(page.getByTestId('results')).toHaveAttribute('data-standing', 'current');
  await expect(page.getByTestId('results')).toHaveAttribute('data-origin', 'saved');
  await expect(page.getByRole('status')).not.toHaveAttribute('data-status', 'running');
  const again = await page
    .getByRole('table')
    .locator('td[data-value]')
    .evaluateAll((cells) => cells.map((cell) => (cell as HTMLElement).dataset.value));
  expect(again).toEqual(figures);
});

test('a run that would take over a minute asks first, and can run fewer trials', async ({
  page,
}) => {
  await openWithPreview(page);
  await page.getByLabel('Trials per strategy').fill('10000000');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const ask = page.getByRole('alertdialog');
  await expect(ask).toContainText(/This run would take about \d+/);
  await expect(page.getByRole('status')).not.toHaveAttribute('data-status', 'running');
  await ask.getByRole('button', { name: 'Don’t run' }).click();
  await expect(ask).toBeHidden();
  await expect(page.getByRole('status')).not.toHaveAttribute('data-status', 'running');

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const fewer = ask.getByRole('button', { name: /^Run [\d,]+ trials instead$/ });
  const label = (await fewer.textContent()) ?? '';
  const trials = label.replace(/\D/g, '');
  await fewer.click();
  await expect(page.getByLabel('Trials per strategy')).toHaveValue(trials);
  await expect(page.getByRole('status')).toHaveAttribute('data-status', 'running');
  await page.getByRole('button', { name: 'Cancel' }).click();
});

for (const scheme of ['light', 'dark'] as const) {
  test(`Compare with results has no serious or critical accessibility violations (${scheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openWithPreview(page);
    await expect(page.locator('.plot svg')).toHaveCount(5);
    // The header and its tabs are the app shell's (checked in its own spec).
    const scan = await new AxeBuilder({ page }).include('main').analyze();
    const severe = scan.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(severe.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
  });
}
