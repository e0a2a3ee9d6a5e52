import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const STRATEGIES = ['naive', 'static-prompt', 'amd', 'random-digit'];
const SCENARIO_FILE = 'scenarios/night-attack-dtmf-1.json';
const TRIALS = '2000';
/** The figures the table shows, each cell carrying the raw value as data-value. */
const TABLE_METRICS = [
  'interceptionRate',
  'interceptionCi95',
  'leakRate',
  'campaignInterceptionRate',
  'endToEndRate',
  'legitSuccessRate',
  'legitSuccessCi95',
  'legitMedianSecondsToCode',
  'abandonRate',
  'meanCallSeconds',
];

/** What the command line prints for the same file, seed and trials (exit 1 still prints it). */
function cliJson(): string {
  try {
    return execFileSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'run', SCENARIO_FILE, '--trials', TRIALS, '--json'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (error) {
    const stdout = (error as { stdout?: string }).stdout;
    if (!stdout) throw error;
    return stdout;
  }
}

let cliText = '';
test.beforeAll(() => {
  cliText = cliJson();
});

/** Opens the app once the bundled scenario's automatic preview is on screen. */
async function openAfterPreview(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('preview-label')).toBeVisible({ timeout: 60_000 });
}

async function runInPage(page: Page, trials = TRIALS) {
  await openAfterPreview(page);
  await page.getByLabel('Trials per strategy').fill(trials);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const results = page.getByTestId('results');
  await expect(results).toHaveAttribute('data-preview', 'false', { timeout: 30_000 });
  await expect(results).toHaveAttribute('data-origin', 'run', { timeout: 30_000 });
  await expect(page.getByRole('status')).toContainText('Done');
}

/** Every figure of the table, read from the raw values the cells carry. */
function tableFigures(page: Page) {
  return page.getByRole('table').evaluate((table) =>
    [...table.querySelectorAll('tbody tr')].map((row) => ({
      strategy: row.querySelector('th')!.textContent.trim(),
      figures: Object.fromEntries(
        [...row.querySelectorAll<HTMLElement>('td[data-metric]')].map((cell) => [
          cell.dataset.metric!,
          JSON.parse(cell.dataset.value!) as unknown,
        ]),
      ),
    })),
  );
}

test('a run in the page gives exactly the numbers the command line prints', async ({
  page,
  baseURL,
}) => {
  const offsite: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(`${baseURL}/`) && !request.url().startsWith('blob:'))
      offsite.push(request.url());
  });
  await runInPage(page);
  const cli = JSON.parse(cliText);

  const rows = page.locator('tbody tr');
  await expect(rows).toHaveCount(4);
  await expect(rows.locator('th')).toHaveText(STRATEGIES);
  await expect(page.getByRole('columnheader', { name: 'Interception', exact: true })).toBeVisible();
  await expect(
    page.getByRole('columnheader', { name: 'Legit success', exact: true }),
  ).toBeVisible();

  const figures = await tableFigures(page);
  for (const { strategy, figures: shown } of figures) {
    expect(Object.keys(shown)).toEqual(TABLE_METRICS);
    for (const metric of TABLE_METRICS) {
      expect(shown[metric], `${strategy} ${metric}`).toEqual(cli.strategies[strategy][metric]);
    }
  }
  await expect(page.getByTestId('compromise-rate')).toHaveAttribute(
    'data-value',
    JSON.stringify(cli.compromiseRate),
  );

  // The text says the same as the raw values: the command line's percent formatting.
  const naive = rows.filter({ has: page.locator('th', { hasText: /^naive$/ }) });
  await expect(naive.locator('td[data-metric="interceptionRate"]')).toHaveText(
    `${(cli.strategies.naive.interceptionRate * 100).toFixed(2)}%`,
  );

  // The scenario's one expectation, with its verdict in words.
  await expect(page.getByTestId('expectations')).toContainText(
    'PASS random-digit.interceptionRate',
  );
  expect(offsite).toEqual([]);
});

test('the export buttons download the JSON the command line prints, a CSV and Markdown', async ({
  page,
}) => {
  await runInPage(page);
  const save = async (label: string) => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: label }).click(),
    ]);
    return {
      name: download.suggestedFilename(),
      text: readFileSync(await download.path(), 'utf8'),
    };
  };
  const cli = JSON.parse(cliText);
  const stem = 'night-attack-dtmf-1-recorded-in-the-greeting-seed7-2000-trials';

  const json = await save('Download JSON');
  expect(json.name).toBe(`${stem}.json`);
  expect(json.text).toBe(cliText);

  const csv = await save('Download CSV');
  expect(csv.name).toBe(`${stem}.csv`);
  const lines = csv.text.split('\r\n');
  expect(lines).toHaveLength(6);
  expect(lines[0]!.startsWith('strategy,trials,interceptionRate,')).toBe(true);
  STRATEGIES.forEach((id, i) => {
    expect(lines[i + 1]).toMatch(new RegExp(`^${id},2000,${cli.strategies[id].interceptionRate},`));
  });

  const markdown = await save('Download Markdown');
  expect(markdown.name).toBe(`${stem}.md`);
  expect(markdown.text).toContain('# Night attack: DTMF 1 recorded in the greeting');
  expect(markdown.text).toContain('| strategy | interception [95% CI] |');
  for (const id of STRATEGIES) expect(markdown.text).toContain(`| ${id} | `);
  expect(markdown.text).toContain('- PASS random-digit.interceptionRate');
});

test('Cancel stops a long run at once and puts the earlier results back', async ({ page }) => {
  await openAfterPreview(page);
  await page.getByLabel('Trials per strategy').fill('10000000');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Run all anyway' }).click();
  const progress = page.getByRole('progressbar', { name: 'Trials done' });
  await expect(progress).toBeVisible();
  await expect
    .poll(async () => Number(await progress.getAttribute('value')), { timeout: 20_000 })
    .toBeGreaterThan(0);
  const cancel = page.getByRole('button', { name: 'Cancel' });
  await expect(cancel).toBeFocused();
  await cancel.click();

  await expect(page.getByRole('status')).toContainText('Cancelled after');
  await expect(page.getByRole('status')).toContainText('the earlier results are shown again');
  await expect(progress).toBeHidden();
  await expect(page.getByTestId('preview-label')).toBeVisible();
  await expect(page.getByRole('table')).toContainText('2,000 attack and 2,000 legit trials');
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
  await expect(cancel).toBeDisabled();
});

test('Run is refused, with the reason, while the trials field is not a valid count', async ({
  page,
}) => {
  await page.goto('/');
  const trials = page.getByLabel('Trials per strategy');
  await expect(trials).toHaveValue('20000');
  await trials.fill('12.5');
  const run = page.getByRole('button', { name: 'Run', exact: true });
  await expect(run).toBeDisabled();
  await expect(run).toHaveAccessibleDescription(/Trials per strategy must be a whole number/);
  await trials.fill('300');
  await expect(run).toBeEnabled();
});

test('works from the keyboard: Enter in the trials field runs', async ({ page }) => {
  await openAfterPreview(page);
  const trials = page.getByLabel('Trials per strategy');
  await trials.focus();
  await trials.fill('500');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('table')).toContainText('500 attack', { timeout: 30_000 });
  await expect(page.getByRole('status')).toContainText('Done');
  await expect(page.locator('tbody tr')).toHaveCount(4);
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeFocused();
});

test('the view after a run has no serious or critical accessibility violations', async ({
  page,
}) => {
  await runInPage(page);
  await expect(page.locator('.plot svg')).toHaveCount(5);
  const scan = await new AxeBuilder({ page }).analyze();
  const severe = scan.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(severe.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
});

test('fits a narrow screen: the page does not scroll sideways, the table scrolls in place', async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await runInPage(page, '500');
  await expect(page.locator('.plot svg')).toHaveCount(5);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByRole('region', { name: /Night attack/ })).toBeVisible();
});
