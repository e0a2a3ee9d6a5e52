import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const SCENARIO = 'amd-greeting-length-sweep';
const tab = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Views' }).getByRole('tab', { name, exact: true });

/** Opens the Sweep view on the bundled sweep scenario: its own `sweep` fills the controls. */
async function openSweep(page: Page): Promise<void> {
  await page.goto(`/#id=${SCENARIO}&view=sweep`);
  await expect(page.getByRole('heading', { name: 'Sweep a setting' })).toBeVisible();
  await expect(page).toHaveTitle('Sweep — voice-otp-lab');
}

const dimension = (page: Page) => page.getByTestId('dimension-0');

async function axeSevere(page: Page): Promise<string[]> {
  const scan = await new AxeBuilder({ page }).analyze();
  return scan.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);
}

test('an invalid range is shown at its field with its JSON path, and nothing runs', async ({
  page,
}) => {
  await openSweep(page);
  await expect(dimension(page).getByRole('combobox', { name: 'Field 1' })).toHaveValue(
    'amd.greetingMs',
  );
  const to = dimension(page).getByRole('textbox', { name: 'To' });
  await expect(to).toHaveValue('1500');
  await to.fill('1450');
  const issue = page.getByTestId('sweep-issue');
  await expect(issue).toHaveText(
    '$.sweep.vary[0].to: expected from (200) plus a whole number of steps (100), such as 1400 or 1500, found the number 1450',
  );
  await expect(to).toHaveAttribute('aria-invalid', 'true');
  await expect(to).toHaveAccessibleDescription(/such as 1400 or 1500/);
  const run = page.getByRole('button', { name: 'Run sweep' });
  await expect(run).toBeDisabled();
  await to.press('Enter');
  await expect(page.getByTestId('sweep-status')).toHaveCount(0);
  await expect(page.getByTestId('sweep-results')).toHaveCount(0);
});

test('a sweep fills in its curves and frontier; a point clicked opens in Compare with its results', async ({
  page,
}) => {
  await openSweep(page);
  const d = dimension(page);
  await d.getByRole('textbox', { name: 'From' }).fill('500');
  await d.getByRole('textbox', { name: 'To' }).fill('800');
  await page.getByRole('textbox', { name: 'Trials per point' }).fill('150');
  await expect(page.getByTestId('sweep-size')).toContainText(
    '4 points × 2 strategies × 150 trials',
  );
  await page.getByRole('button', { name: 'Run sweep' }).click();

  const status = page.getByTestId('sweep-status');
  await expect(status).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await expect(status).toContainText('Done: 4 points, 1,200 trials.');
  const results = page.getByTestId('sweep-results');
  await expect(results).toHaveAttribute('data-points', '4');
  await expect(page.locator('[data-panel="curve-security"] svg')).toBeVisible();
  await expect(page.locator('[data-panel="curve-usability"] svg')).toBeVisible();
  await expect(page.locator('[data-panel="frontier"] svg')).toBeVisible();
  // One dot per point and strategy, each naming its point.
  await expect(page.locator('[data-panel="curve-security"] [data-point]')).toHaveCount(8);
  await expect(page.getByTestId('sweep-points').locator('tbody tr')).toHaveCount(4);
  // random-digit does not read greetingMs and never leaks here: on the frontier.
  await expect(page.getByTestId('sweep-frontier').getByRole('listitem').first()).toContainText(
    'random-digit at amd.greetingMs',
  );

  const wanted = page
    .getByTestId('sweep-points')
    .locator('tr[data-point="2"] td[data-strategy="amd"]');
  const interception = await wanted.getAttribute('data-security');

  // A click on amd's dot at greetingMs = 700 makes that point the scenario.
  await page.locator('[data-panel="curve-security"] [data-point="2"][data-strategy="amd"]').click();
  await expect(page.getByTestId('sweep-selection')).toContainText(
    'amd.greetingMs = 700 is now the scenario (modified), amd picked.',
  );
  await expect(page.locator('header .current')).toContainText('(modified)');

  expect(await axeSevere(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await axeSevere(page)).toEqual([]);

  await page.getByRole('button', { name: 'Open in Compare' }).click();
  await expect(tab(page, 'Compare')).toHaveAttribute('aria-selected', 'true');
  const compared = page.getByTestId('results');
  await expect(compared).toHaveAttribute('data-origin', 'saved');
  await expect(
    page.locator('tr[data-strategy="amd"] td[data-metric="interceptionRate"]'),
  ).toHaveAttribute('data-value', interception!);
  await expect(page.locator('tbody tr')).toHaveCount(2);

  // Back in Sweep, the table's buttons reach a point by keyboard, and on to Replay.
  await tab(page, 'Sweep').click();
  const use = page.getByRole('button', { name: 'Use the point amd.greetingMs = 600' });
  await use.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sweep-selection')).toContainText(
    'amd.greetingMs = 600 is now the scenario',
  );
  await expect(page.getByRole('button', { name: 'Open in Compare' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Open in Replay' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(tab(page, 'Replay a call')).toHaveAttribute('aria-selected', 'true');
});

test('in presenter mode at 1280×720 the Sweep view renders all its text, charts included, at 18 px or more', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openSweep(page);
  const d = dimension(page);
  await d.getByRole('textbox', { name: 'From' }).fill('600');
  await d.getByRole('textbox', { name: 'To' }).fill('800');
  await page.getByRole('textbox', { name: 'Trials per point' }).fill('50');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByTestId('sweep-status')).toHaveAttribute('data-status', 'done', {
    timeout: 120_000,
  });
  await page.getByRole('button', { name: 'Presenter mode', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('data-presenter', '');
  // The charts are drawn again at the presenter's label size.
  await expect(page.locator('[data-panel="frontier"] svg text').first()).toHaveCSS(
    'font-size',
    '18px',
  );
  const small = await page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent!.trim();
      const element = node.parentElement!;
      if (text === '' || element.getClientRects().length === 0) continue;
      const px = parseFloat(getComputedStyle(element).fontSize);
      if (px < 18) found.push(`${text}: ${px}px`);
    }
    return found;
  });
  expect(small).toEqual([]);
});
