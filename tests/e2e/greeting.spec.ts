import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { analyzeAudio, decodeWav, encodeWav, renderTimeline } from '../../src/audio/index.ts';
import { createRng } from '../../src/core/rng.ts';
import { greetingTimeline } from '../../src/phone/greetingTimeline.ts';
import { ScenarioSchema } from '../../src/scenario/index.ts';

/** A spoken greeting of 2.5 s, a pause, then the keys 9 and 4: the WAV a trainer would drop. */
const greetingWav = Buffer.from(
  encodeWav(
    renderTimeline(
      greetingTimeline([
        { silence: 0.3 },
        { speech: 2.5 },
        { silence: 0.6 },
        { dtmf: '94', toneMs: 150, gapMs: 100, repeat: 1 },
      ]),
      { rng: createRng(7), beepMs: 0 },
    ),
  ),
);
/** What `sim analyze` says of the same file, with the default scenario's (default) AMD settings. */
const expected = analyzeAudio(decodeWav(greetingWav).samples, ScenarioSchema.parse({}).amd);

const nav = (page: Page) => page.locator('body');

async function openGreetingView(page: Page): Promise<void> {
  await page.goto('/');
  await nav(page).getByRole('tab', { name: 'Greeting', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Greeting', exact: true })).toBeVisible();
}

const fileInput = (page: Page) => page.getByLabel('Greeting audio file');
const digits = (page: Page) => page.getByTestId('greeting-digits');
const verdict = (page: Page) => page.getByTestId('greeting-amd');
const regions = (page: Page) => page.getByTestId('greeting-regions');

async function expectNoSevereAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).include('main').analyze();
  const severe = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(severe.map((v) => v.id)).toEqual([]);
}

async function exportedScenario(page: Page): Promise<{ voicemail: Record<string, unknown> }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export as .json' }).click(),
  ]);
  return JSON.parse(readFileSync(await download.path(), 'utf8'));
}

test('a dropped WAV shows its keys, the AMD verdict and its regions, and becomes the greeting', async ({
  page,
}) => {
  expect(expected.dtmf.map((key) => key.digit)).toEqual(['9', '4']);
  expect(expected.amd).toMatchObject({ verdict: 'MACHINE', cause: 'LONGGREETING' });

  await openGreetingView(page);
  await fileInput(page).setInputFiles({
    name: 'press-9-4.wav',
    mimeType: 'audio/wav',
    buffer: greetingWav,
  });
  await expect(page.getByRole('heading', { name: /press-9-4\.wav/ })).toContainText('3.9 s');

  // The same keys and verdict as the command line, at the same moment.
  await expect(digits(page)).toHaveText('2 keys: 94');
  await expect(page.locator('li[data-digit]')).toHaveCount(2);
  await expect(page.locator('li[data-digit="9"]')).toContainText('from 3.40 s');
  await expect(verdict(page)).toHaveAttribute('data-verdict', expected.amd.verdict);
  await expect(verdict(page)).toHaveAttribute('data-cause', expected.amd.cause);
  await expect(verdict(page)).toContainText(
    `MACHINE (cause LONGGREETING) after ${(expected.amd.decisionMs / 1000).toFixed(2)} s`,
  );
  await expect(page.getByTestId('amd-decision-marker')).toHaveAttribute(
    'data-decision-ms',
    String(expected.amd.decisionMs),
  );
  await expect(page.getByText('The amd flow then hangs up without reading the code')).toBeVisible();

  // The waveform's text alternative: every region in order, with its times.
  await expect(
    page.getByRole('img', { name: /Waveform with \d+ speech, silence and tone regions/ }),
  ).toBeVisible();
  const rows = regions(page).locator('tbody tr');
  await expect(rows.first()).toHaveText(/^1\s*silence\s*0\.00 s\s*0\.30 s\s*300 ms$/);
  await expect(rows.nth(1)).toContainText('speech');
  await expect(regions(page).locator('tbody tr[data-region="dtmf"]')).toHaveText([
    /DTMF 9\s*3\.40 s/,
    /DTMF 4/,
  ]);
  await expect(rows.last()).toContainText('3.90 s');
  const regionCount = await rows.count();
  await expect(page.locator('svg [data-region]')).toHaveCount(regionCount);

  // Using it writes the segments into the scenario through the workbench (validated, in the URL).
  await page.getByRole('button', { name: 'Use as the voicemail greeting' }).click();
  await expect(page.getByTestId('greeting-status')).toContainText(
    `is now “press-9-4.wav” as ${regionCount} segments (3.9 s), with voicemail enabled`,
  );
  await expect(page.getByText('This is the current scenario’s voicemail greeting.')).toBeVisible();
  await expect(page).toHaveURL(/#s=/);

  await nav(page).getByRole('tab', { name: 'Scenario', exact: true }).click();
  await expect(page.locator('.cm-content')).toBeVisible();
  await expect(page.getByRole('group', { name: /^Segment \d+: DTMF tones$/ })).toHaveCount(2);
  await expect(page.getByRole('group', { name: `Segment ${regionCount}: silence` })).toBeVisible();
  const scenario = await exportedScenario(page);
  expect(scenario.voicemail.enabled).toBe(true);
  const greeting = scenario.voicemail.greeting as Array<Record<string, unknown>>;
  expect(greeting).toHaveLength(regionCount);
  expect(greeting[0]).toEqual({ silence: 0.3 });
  expect(greeting.filter((segment) => 'dtmf' in segment).map((s) => s.dtmf)).toEqual(['9', '4']);

  // The Greeting view still has the recording when one comes back to it.
  await nav(page).getByRole('tab', { name: 'Greeting', exact: true }).click();
  await expect(digits(page)).toHaveText('2 keys: 94');
});

test('an undecodable file shows an inline error and leaves the loaded greeting as it was', async ({
  page,
}) => {
  await openGreetingView(page);
  await page.getByRole('button', { name: /^Attacker: “Hello\?”/ }).click();
  await expect(digits(page)).toHaveText('10 keys: 1111111111');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'HUMAN');
  await expect(page.getByRole('alert')).toHaveCount(0);

  await fileInput(page).setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('not a recording'),
  });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('“notes.txt” could not be loaded');
  await expect(alert).toContainText('Choose a WAV, MP3 or OGG recording.');
  await expect(fileInput(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('heading', { name: /Attacker: “Hello\?”/ })).toBeVisible();
  await expect(digits(page)).toHaveText('10 keys: 1111111111');
  await expect(page.getByTestId('greeting-status')).toBeEmpty();
  await expectNoSevereAxeViolations(page);

  // A good file dropped on the zone afterwards loads and clears the error.
  const dataTransfer = await page.evaluateHandle(
    (bytes) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], 'press-9-4.wav', { type: 'audio/wav' }));
      return transfer;
    },
    [...greetingWav],
  );
  await page.locator('.dropzone').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByRole('heading', { name: /press-9-4\.wav/ })).toBeVisible();
  await expect(digits(page)).toHaveText('2 keys: 94');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a recorded example plays with a playhead and the view passes an axe scan', async ({
  page,
}) => {
  await openGreetingView(page);
  await page.getByRole('button', { name: /^Recorded greeting/ }).click();
  await expect(page.getByRole('heading', { name: /Recorded greeting/ })).toContainText('8.0 s');
  await expect(digits(page)).toHaveText('No DTMF keys detected.');
  await expect(verdict(page)).toHaveAttribute('data-cause', 'LONGGREETING');

  const play = page.getByRole('button', { name: '▶ Play' });
  await play.click();
  const stop = page.getByRole('button', { name: '■ Stop' });
  await expect(stop).toBeVisible();
  await expect(page.getByTestId('greeting-playhead')).toBeAttached();
  await stop.click();
  await expect(play).toBeVisible();
  await expect(page.getByTestId('greeting-playhead')).toHaveCount(0);

  await expectNoSevereAxeViolations(page);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds nothing serious on the Greeting view with a greeting loaded, ${scheme} theme`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openGreetingView(page);
    await page.getByRole('button', { name: /^Recorded greeting/ }).click();
    await expect(verdict(page)).toHaveAttribute('data-cause', 'LONGGREETING');
    await expectNoSevereAxeViolations(page);
  });
}
