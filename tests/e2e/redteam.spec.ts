import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import LZString from 'lz-string';
import { readFileSync } from 'node:fs';

/** The default scenario: static-prompt asks for key 1, the victim answers 2% of night calls. */
const DEFAULT_SCENARIO = JSON.parse(readFileSync('scenarios/night-attack-dtmf-1.json', 'utf8'));
const ANSWERS = DEFAULT_SCENARIO.attacker.victimAnswerProbability as number;

const tab = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Views' }).getByRole('tab', { name, exact: true });
const status = (page: Page) => page.getByTestId('redteam-status');
const runButton = (page: Page) => page.getByRole('button', { name: 'Run search' });

async function search(
  page: Page,
  settings: { flow: string; budget: string; trials: string; objective?: string },
): Promise<void> {
  await page.getByLabel('Flow to attack').selectOption(settings.flow);
  if (settings.objective) await page.getByRole('radio', { name: settings.objective }).check();
  await page.getByLabel('Candidates').fill(settings.budget);
  await page.getByLabel('Confirmation trials').fill(settings.trials);
  await runButton(page).click();
}

async function searchDone(page: Page): Promise<void> {
  await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
}

/** The hash's scenario, decompressed (after an edit the link carries the text). */
function scenarioInUrl(page: Page): { voicemail: { greeting: unknown[] } } {
  const hash = new URL(page.url()).hash;
  const compressed = /[#&]s=([^&]*)/.exec(hash)![1]!;
  return JSON.parse(LZString.decompressFromEncodedURIComponent(compressed));
}

test('the Red team tab opens the view, in the link and the title', async ({ page }) => {
  await page.goto('/');
  await tab(page, 'Red team').click();
  await expect(page.getByRole('heading', { name: 'Red team', exact: true })).toBeVisible();
  await expect(page).toHaveURL(/[#&]view=redteam(&|$)/);
  await expect(page).toHaveTitle('Red team — voice-otp-lab');
  // The fields start at the search's defaults and the scenario's seed.
  await expect(page.getByLabel('Candidates')).toHaveValue('300');
  await expect(page.getByLabel('Confirmation trials')).toHaveValue('2000');
  await expect(page.getByLabel('Seed')).toHaveValue(String(DEFAULT_SCENARIO.seed));
  // The same search on the command line, for engineers only.
  await expect(page.getByText('Same search on the command line')).toHaveCount(0);
  await page.getByLabel('Show technical details').check();
  await page.getByLabel('Flow to attack').selectOption('static-prompt');
  await expect(page.locator('.cli code')).toHaveText(
    `npm run sim -- attack scenarios/night-attack-dtmf-1.json --strategy static-prompt --objective interception --budget 300 --trials 2000 --seed ${DEFAULT_SCENARIO.seed}`,
  );
});

test('against static-prompt the search finds the tone 1 at about 1 − the victim’s answer rate; the greeting goes into the scenario and Replay opens a won call', async ({
  page,
}) => {
  await page.goto('/#view=redteam');
  await search(page, { flow: 'static-prompt', budget: '40', trials: '1000' });
  await searchDone(page);

  await expect(page.getByTestId('candidates-tried')).toContainText('40 of 40');
  const trials = Number((await page.getByTestId('trials-spent').textContent())!.replace(/,/g, ''));
  expect(trials).toBeGreaterThan(40 * 50);
  await expect(page.getByTestId('candidate-chart').locator('svg[role="img"]')).toBeVisible();
  await expect(page.getByTestId('best-confirmed')).toHaveText('confirmed on 1,000 fresh trials');

  // The first key the best greeting plays is static-prompt's 1.
  const greeting = JSON.parse((await page.getByTestId('best-json').textContent())!) as Array<
    Record<string, unknown>
  >;
  const firstTone = greeting.find((segment) => 'dtmf' in segment);
  expect(String(firstTone?.dtmf)[0]).toBe('1');
  await expect(page.getByTestId('best-words')).toContainText(/the keys? 1/);
  // Every night call the victim does not answer is intercepted: 1 − 0.02 = 98%.
  const [low, high] = JSON.parse(
    (await page.getByTestId('best-interval').getAttribute('data-value'))!,
  ) as [number, number];
  expect(low).toBeLessThanOrEqual(1 - ANSWERS);
  expect(high).toBeGreaterThanOrEqual(1 - ANSWERS);

  await page.getByRole('button', { name: 'Use this greeting' }).click();
  await expect(page.getByTestId('redteam-greeting-status')).toContainText(
    'is now the red team’s best',
  );
  await expect(page.locator('header .current')).toContainText('(modified)');
  expect(scenarioInUrl(page).voicemail.greeting).toEqual(greeting);
  await expect(page.getByRole('button', { name: 'Use this greeting' })).toBeDisabled();

  await page.getByRole('button', { name: 'Replay a won call' }).click();
  await expect(tab(page, 'Replay a call')).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(/[#&]call=static-prompt\.attack\.\d+\.0(&|$)/);
  await expect(page.getByLabel('Strategy')).toHaveValue('static-prompt');
  // The code's readout landed in the voicemail, and the attacker's code was accepted.
  await expect(page.locator('[data-recorded="true"]').first()).toBeVisible({ timeout: 30_000 });
  expect(scenarioInUrl(page).voicemail.greeting).toEqual(greeting);
});

test('Stop ends the screening and the confirmed report still comes back; Compare waits meanwhile', async ({
  page,
}) => {
  await page.goto('/#view=redteam');
  await search(page, {
    flow: 'random-digit',
    budget: '1000',
    trials: '100000',
    objective: 'Campaign',
  });
  await expect(page.getByTestId('candidates-tried')).toBeVisible({ timeout: 60_000 });
  await expect(status(page)).toHaveAttribute('data-status', 'running');

  // Compare does not start a run of its own while the search has the workers.
  await tab(page, 'Compare').click();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
  await expect(page.getByText('A Red team search is using the workers')).toBeVisible();
  await page.getByRole('button', { name: 'Open the Red team view' }).click();

  await page.getByRole('button', { name: 'Stop' }).click();
  await searchDone(page);
  await expect(status(page)).toContainText('Stopped:');
  await expect(page.getByTestId('report-sentence')).toContainText('Stopped early: screened');
  const tried = (await page.getByTestId('candidates-tried').textContent())!;
  expect(Number(tried.split(' of ')[0]!.replace(/,/g, ''))).toBeLessThan(1000);
  await expect(page.getByTestId('best-confirmed')).toHaveText('confirmed on 100,000 fresh trials');

  await tab(page, 'Compare').click();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
});

test('a flow that asks a web server for its documents cannot be searched, and says why', async ({
  page,
}) => {
  const scenario = {
    name: 'A flow that links out',
    strategies: ['gate', 'static-prompt'],
    flows: {
      gate: { twiml: '<Response><Redirect>https://example.com/next</Redirect></Response>' },
    },
  };
  await page.goto(
    `/#s=${LZString.compressToEncodedURIComponent(JSON.stringify(scenario))}&view=redteam`,
  );
  const gate = page.getByRole('option', { name: /^gate \(TwiML\)/ });
  await expect(gate).toBeDisabled();
  await expect(gate).toHaveText('gate (TwiML) — cannot be searched');
  await expect(page.getByTestId('unsearchable-flow')).toHaveText(
    /^gate asks a web server for its documents .* a search would send hundreds of thousands of requests/,
  );
  // The first flow that can be searched is picked.
  await expect(page.getByLabel('Flow to attack')).toHaveValue('static-prompt');
  await expect(runButton(page)).toBeEnabled();
});

test('bad numbers are refused in words and the search cannot start', async ({ page }) => {
  await page.goto('/#view=redteam');
  await page.getByLabel('Candidates').fill('0');
  await page.getByLabel('Seed').fill('x');
  await expect(page.getByText('Enter a whole number from 1 to 1,000.')).toBeVisible();
  await expect(page.getByText('Enter a whole number from 0 to 4,294,967,295.')).toBeVisible();
  await expect(page.getByLabel('Candidates')).toHaveAttribute('aria-invalid', 'true');
  await expect(runButton(page)).toBeDisabled();
});

test('the search runs from the keyboard alone', async ({ page }) => {
  await page.goto('/#view=redteam');
  await tab(page, 'Red team').focus();
  const budget = page.getByLabel('Candidates');
  for (let i = 0; i < 20 && !(await budget.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(budget).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('20');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('200');
  // Enter in a field submits the form.
  await page.keyboard.press('Enter');
  await searchDone(page);
  const use = page.getByRole('button', { name: 'Use this greeting' });
  for (let i = 0; i < 30 && !(await use.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(use).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('header .current')).toContainText('(modified)');
  // The pressed button is now disabled; the focus moved on to Replay.
  await expect(page.getByRole('button', { name: 'Replay a won call' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(tab(page, 'Replay a call')).toHaveAttribute('aria-selected', 'true');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds nothing serious with a report on screen, ${colorScheme} theme`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('/#view=redteam');
    await search(page, { flow: 'static-prompt', budget: '20', trials: '200' });
    await searchDone(page);
    await expect(page.getByTestId('candidate-chart').locator('svg')).toBeVisible();
    const scan = await new AxeBuilder({ page }).analyze();
    const severe = scan.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(severe.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
  });
}

test('in presenter mode at 1280×720 the report and the chart share one screen, all text 18 px or more', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/#view=redteam');
  await search(page, { flow: 'static-prompt', budget: '20', trials: '200' });
  await searchDone(page);
  await page.getByRole('button', { name: 'Presenter mode', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('data-presenter', '');
  await expect(page.getByTestId('candidate-chart').locator('svg text').first()).toHaveCSS(
    'font-size',
    '18px',
  );
  const sizes = await page.evaluate(() => {
    const found: Array<{ text: string; px: number }> = [];
    const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent!.trim();
      const element = node.parentElement!;
      if (text === '' || element.getClientRects().length === 0) continue;
      if (getComputedStyle(element).visibility === 'hidden') continue;
      found.push({ text, px: parseFloat(getComputedStyle(element).fontSize) });
    }
    return found;
  });
  expect(sizes.length).toBeGreaterThan(20);
  expect(sizes.filter((s) => s.px < 18)).toEqual([]);
  for (const id of ['best-words', 'best-rate', 'candidate-chart']) {
    const box = (await page.getByTestId(id).boundingBox())!;
    expect(box.y + box.height, id).toBeLessThanOrEqual(720);
    expect(box.x + box.width, id).toBeLessThanOrEqual(1280);
  }
  await expect(page.getByRole('button', { name: 'Use this greeting' })).toBeInViewport();
});

test('a search is refused while Compare runs, saying why, and offered again when it ends', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByLabel('Trials per strategy').fill('1000000');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const ask = page.getByRole('alertdialog');
  if (await ask.isVisible()) await ask.getByRole('button', { name: 'Run all anyway' }).click();
  await expect(page.getByRole('progressbar', { name: 'Trials done' })).toBeVisible();
  await tab(page, 'Red team').click();
  await expect(runButton(page)).toBeDisabled();
  await expect(page.getByText('Compare is running the scenario on the workers')).toBeVisible();
  await page.getByRole('button', { name: 'Open Compare' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await tab(page, 'Red team').click();
  await expect(runButton(page)).toBeEnabled();
  await expect(page.getByText('Compare is running the scenario on the workers')).toHaveCount(0);
});
