import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const scenarioFile = (name: string) =>
  readFileSync(new URL(`../../scenarios/${name}`, import.meta.url), 'utf8');

const carrierGreeting = JSON.parse(scenarioFile('carrier-default-greeting.json')) as {
  name: string;
};

async function openScenarioView(page: Page, url = '/'): Promise<void> {
  await page.goto(url);
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('tab', { name: 'Scenario' })
    .click();
  await expect(page.locator('.cm-content')).toBeVisible();
}

const header = (page: Page) => page.locator('header .current');
const problems = (page: Page) => page.locator('#scenario-problems');

/** The exact scenario text, read through the Export button (a Blob download). */
async function exportedText(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export as .json' }).click(),
  ]);
  const path = await download.path();
  return readFileSync(path, 'utf8');
}

// Everything is bundled: the page may talk to its own server only.
let externalRequests: string[] = [];

test.beforeEach(async ({ context, baseURL }) => {
  externalRequests = [];
  const own = new URL(baseURL!).origin;
  await context.route(
    (url) => /^(https?|wss?):$/.test(url.protocol) && url.origin !== own,
    (route) => {
      externalRequests.push(route.request().url());
      return route.abort();
    },
  );
});

test.afterEach(() => {
  expect(externalRequests).toEqual([]);
});

test('picking a bundled scenario loads it into the editor and names it in the header', async ({
  page,
}) => {
  await openScenarioView(page);
  await page.getByLabel('Bundled scenario').selectOption({ label: carrierGreeting.name });
  await expect(header(page)).toContainText(carrierGreeting.name);
  await expect(page.locator('.cm-content')).toContainText(carrierGreeting.name);
  await expect(page).toHaveURL(/#id=carrier-default-greeting&view=scenario$/);
});

test('an invalid edit in the editor lists the error with its JSON path and marks the header invalid', async ({
  page,
}) => {
  await openScenarioView(page);
  // The default scenario has "trials": 20000; replace the number by typing over it.
  await page.locator('.cm-content').getByText('20000', { exact: true }).dblclick();
  await page.keyboard.press('Backspace');
  await page.keyboard.type('"many"');
  await expect(problems(page)).toContainText('Invalid: 1 problem');
  await expect(problems(page).getByRole('listitem')).toHaveText(
    /Error\s*\$\.trials: expected a number, found the string "many"\./,
  );
  await expect(header(page)).toContainText('invalid');
  // The same issue is underlined in the editor by the lint extension.
  await expect(page.locator('.cm-lintRange-error')).toHaveText('"trials": "many"');
  // And the form refuses to edit text it cannot trust.
  await expect(page.getByLabel('Victim answer probability')).toBeDisabled();
  await expect(page.getByText('Form paused')).toBeVisible();

  // The path is a button that takes the keyboard to the offending text.
  await problems(page).getByRole('button', { name: 'Show $.trials in the editor' }).click();
  await expect(page.locator('.cm-content')).toBeFocused();

  // And Compare refuses to run it, saying why.
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('tab', { name: 'Compare' })
    .click();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
  await expect(page.locator('#run-blocked')).toBeVisible();
});

test('the form rewrites the JSON text, and the link after the edit reproduces it', async ({
  page,
  context,
}) => {
  await openScenarioView(page);
  await expect(page.locator('.cm-content')).toContainText('"victimAnswerProbability": 0.02');
  await page.getByLabel('Victim answer probability').fill('0.35');
  await expect(page.locator('.cm-content')).toContainText('"victimAnswerProbability": 0.35');
  await expect(page.getByLabel('Bundled scenario')).toHaveValue('');
  await expect(page).toHaveURL(/#s=/);

  // A greeting segment added from the form lands at the end of the greeting.
  await page.getByRole('button', { name: '+ Add silence' }).click();
  await expect(page.getByRole('group', { name: 'Segment 4: silence' })).toBeVisible();

  const text = await exportedText(page);
  const edited = JSON.parse(text);
  expect(edited.attacker.victimAnswerProbability).toBe(0.35);
  expect(edited.voicemail.greeting.at(-1)).toEqual({ silence: 1 });
  expect(text).toContain('\n  "attacker": {\n    "victimAnswerProbability": 0.35,');

  const shared = await context.newPage();
  await openScenarioView(shared, page.url());
  expect(await exportedText(shared)).toBe(text);
  await expect(shared.getByLabel('Victim answer probability')).toHaveValue('0.35');
});

test('a value the validator refuses is not written, and the field says why', async ({ page }) => {
  await openScenarioView(page);
  const field = page.getByLabel('Victim answer probability');
  await field.fill('1.5');
  await field.press('Tab');
  await expect(page.locator('#victim-answer-probability-problem')).toContainText(
    'expected a number ≤ 1',
  );
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.cm-content')).toContainText('"victimAnswerProbability": 0.02');
});

test('a corrupt link says so and falls back to the default scenario', async ({ page }) => {
  await page.goto('/#s=this-is-not-lz-string-data');
  await expect(page.getByRole('alert')).toContainText("This link's scenario could not be opened");
  await expect(page.getByRole('alert')).toContainText('Showing the default scenario instead');
  await expect(header(page)).toContainText('Night attack: DTMF 1 recorded in the greeting');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('importing a file loads it; an invalid file still loads and shows its errors', async ({
  page,
}) => {
  await openScenarioView(page);
  const importer = page.getByLabel('Import a scenario file');

  const mine = JSON.stringify({ name: 'My imported scenario', trials: 300 }, null, 2);
  await importer.setInputFiles({
    name: 'mine.json',
    mimeType: 'application/json',
    buffer: Buffer.from(mine),
  });
  await expect(header(page)).toContainText('My imported scenario');
  await expect(page.getByRole('status')).toContainText('Imported mine.json');
  await expect(page.locator('.cm-content')).toContainText('"trials": 300');
  await expect(problems(page)).toContainText('Valid');

  const broken = '{\n  "name": "Broken",\n  "voicemail": { "pin": { "lenght": 4 } }\n}\n';
  await importer.setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(broken),
  });
  await expect(page.locator('.cm-content')).toContainText('"lenght": 4');
  await expect(problems(page)).toContainText('$.voicemail.pin.lenght');
  await expect(problems(page)).toContainText('did you mean "length"?');
  await expect(header(page)).toContainText('invalid');
});

test('importing reads a file as the CLI does: bad UTF-8 is refused, a BOM and repeated names are problems', async ({
  page,
}) => {
  await openScenarioView(page);
  const importer = page.getByLabel('Import a scenario file');
  const before = await page.locator('.cm-content').textContent();

  await importer.setInputFiles({
    name: 'latin1.json',
    mimeType: 'application/json',
    buffer: Buffer.concat([Buffer.from('{ "name": "Caf'), Buffer.from([0xe9]), Buffer.from('" }')]),
  });
  await expect(page.getByRole('status')).toContainText(
    'Not imported: latin1.json is not UTF-8 text: found bytes that are not UTF-8 at line 1, column 15',
  );
  await expect(page.locator('.cm-content')).toHaveText(before ?? '');

  await importer.setInputFiles({
    name: 'bom.json',
    mimeType: 'application/json',
    buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{ "trials": 300 }')]),
  });
  await expect(page.getByRole('status')).toContainText('Imported bom.json, which has 1 problem');
  await expect(problems(page)).toContainText('save the file as UTF-8 without BOM');

  await importer.setInputFiles({
    name: 'twice.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{\n  "trials": "x",\n  "trials": 20\n}\n'),
  });
  await expect(problems(page)).toContainText(
    '$.trials: expected each property given once in an object, found "trials" given twice: first at line 2, column 3, then at line 3, column 3',
  );
});

test('a file that is not JSON is refused inline and the scenario kept', async ({ page }) => {
  await openScenarioView(page);
  const importer = page.getByLabel('Import a scenario file');
  const before = await page.locator('.cm-content').textContent();
  await importer.setInputFiles({
    name: 'calls.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('strategy,trials\namd,500\n'),
  });
  await expect(page.locator('.file-actions [role="status"]')).toHaveText(
    "✖Not imported: calls.csv is not a scenario file: expected JSON text, found a syntax error (expected a value (an object, list, string, number, true, false or null), found 'strategy' at line 1, column 1). The scenario is unchanged.",
  );
  await expect(page.locator('.cm-content')).toHaveText(before ?? '');
  await expect(header(page)).toContainText('Night attack: DTMF 1 recorded in the greeting');
  await expect(header(page)).not.toContainText('(modified)');
  await expect(page.getByLabel('Bundled scenario')).toHaveValue('night-attack-dtmf-1');
});

test('the header marks an edited scenario as modified, and names the scene in Story mode', async ({
  page,
}) => {
  await openScenarioView(page);
  await expect(header(page)).toHaveText('Scenario: Night attack: DTMF 1 recorded in the greeting');
  await page.getByLabel('Victim answer probability').fill('0.35');
  await expect(header(page)).toHaveText(
    'Scenario: Night attack: DTMF 1 recorded in the greeting (modified)',
  );
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('tab', { name: 'Story mode' })
    .click();
  const firstScene = JSON.parse(scenarioFile('owner-answers-baseline.json')) as { name: string };
  await page.getByRole('button', { name: /^1\./ }).click();
  await expect(header(page)).toHaveText(
    `Scenario: ${firstScene.name} (this scene's bundled scenario)`,
  );
});

test('the Scenario view has no serious or critical accessibility violations', async ({ page }) => {
  // Two full scans of a page with a code editor take a while on a busy CI machine.
  test.setTimeout(120_000);
  await openScenarioView(page);
  // Include the error state: the problem list and the paused form.
  await page.locator('.cm-content').getByText('20000', { exact: true }).dblclick();
  await page.keyboard.type('x');
  await expect(problems(page)).toContainText('Invalid');
  for (const state of ['invalid', 'valid']) {
    const results = await new AxeBuilder({ page }).analyze();
    const severe = results.violations.filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(
      severe.map((v) => `${state}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
    await page.getByLabel('Bundled scenario').selectOption({ label: carrierGreeting.name });
    await expect(problems(page)).toContainText('Valid');
  }
});

test('the view works on a narrow screen without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await openScenarioView(page);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByLabel('Victim answer probability')).toBeVisible();
});

test('greeting segments reorder from the keyboard, and the focus follows the moved segment', async ({
  page,
}) => {
  await openScenarioView(page);
  await page.getByRole('button', { name: 'Move segment 3 up' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('group', { name: 'Segment 2: DTMF tones' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Move segment 2 up' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('group', { name: 'Segment 1: DTMF tones' })).toBeVisible();
  // Segment 1 cannot move up any further, so the focus lands on its "down" button.
  await expect(page.getByRole('button', { name: 'Move segment 1 down' })).toBeFocused();
  const greeting = JSON.parse(await exportedText(page)).voicemail.greeting;
  expect(greeting.map((s: object) => Object.keys(s)[0])).toEqual(['dtmf', 'speech', 'silence']);
});
