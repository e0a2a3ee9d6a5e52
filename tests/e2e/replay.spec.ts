import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

async function openReplay(page: Page) {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Replay a call' }).click();
  await expect(page.getByRole('heading', { name: 'Replay a call' })).toBeVisible();
}

test('finds an intercepted "press 1" call and marks the recorded readout and the accepted code', async ({
  page,
}) => {
  await openReplay(page);
  await page.getByLabel('Strategy').selectOption('static-prompt');
  await page.getByRole('radio', { name: /^attack/ }).check();
  await page.getByRole('button', { name: 'Find an intercepted call' }).click();
  await expect(page.getByTestId('search-status')).toContainText(/Found trial \d+/);

  const recorded = page.locator('[data-readout][data-recorded="true"]');
  await expect(recorded.first()).toBeVisible();
  // Fitting the whole trial, a 4-second readout may say only "rec…"; its tooltip says it all.
  await expect(recorded.first().locator('title')).toContainText('recorded');
  await page.getByLabel('Zoom').selectOption('50');
  await expect(recorded.first().locator('text')).toContainText('recorded');
  await expect(page.locator('[data-readout][data-recorded="false"]').first()).toBeAttached();

  const submission = page.locator('[data-submission="attacker"]');
  await expect(submission).toHaveAttribute('data-accepted', 'true');
  await expect(submission.locator('text')).toContainText(/types \d{6}: accepted/);
  await expect(page.getByTestId('call-summary')).toContainText('accepted');
});

test('step and play move the playhead and light the current state of the machine', async ({
  page,
}) => {
  await openReplay(page);
  await page.getByLabel('Strategy').selectOption('static-prompt');
  await page.getByRole('button', { name: 'Find an intercepted call' }).click();
  await expect(page.getByTestId('search-status')).toContainText(/Found trial \d+/);

  const playhead = page.getByTestId('playhead');
  const lit = page.locator('li[data-state][aria-current="step"]');
  await expect(playhead).toHaveAttribute('data-time-ms', '0');
  await expect(lit).toHaveAttribute('data-state', 'ringing');
  await expect(lit).toContainText('current state');

  // The box picks up at 25 s and the flow starts its prompt.
  await page.getByRole('button', { name: 'Next event' }).click();
  await expect(playhead).toHaveAttribute('data-time-ms', '25000');
  await expect(lit).toHaveAttribute('data-state', 'prompting');
  await expect(page.getByTestId('current-state')).toContainText('prompting');

  // Arrow keys on the lanes step too.
  await page.getByRole('region', { name: /Swim lanes/ }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(playhead).toHaveAttribute('data-time-ms', '0');
  await page.keyboard.press('ArrowRight');
  await expect(playhead).toHaveAttribute('data-time-ms', '25000');

  // Playing at 10x reaches the greeting's tone for 1 and the flow moves on to reading the code.
  await page.getByLabel('Speed').selectOption('10');
  await page.getByRole('button', { name: /^▶ Play$/ }).click();
  await expect(lit).toHaveAttribute('data-state', 'reading', { timeout: 10_000 });
  await page.getByRole('button', { name: /Pause$/ }).click();
  const stoppedAt = Number(await playhead.getAttribute('data-time-ms'));
  expect(stoppedAt).toBeGreaterThan(25_000);
  await page.waitForTimeout(300);
  expect(Number(await playhead.getAttribute('data-time-ms'))).toBe(stoppedAt);
});

test('shows every call of an attack campaign on request', async ({ page }) => {
  await openReplay(page);
  // random-digit's first call usually fails for the attacker, so campaigns run several calls.
  await page.getByLabel('Strategy').selectOption('random-digit');
  const picker = page.getByLabel('Call of the campaign');
  await expect(picker).toBeVisible();
  await picker.selectOption({ index: 1 });
  await expect(page.getByTestId('call-summary')).toContainText('call 2 of');
});

test('the replay view has no serious or critical accessibility violations', async ({ page }) => {
  await openReplay(page);
  await page.getByRole('button', { name: 'Find an intercepted call' }).click();
  await expect(page.getByTestId('search-status')).toContainText(/Found trial \d+/);
  await page.getByRole('button', { name: 'Next event' }).click();
  const results = await new AxeBuilder({ page }).include('main').analyze();
  const severe = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    severe.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
});

test('plays the call with sound from a click, in real time, without errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await openReplay(page);
  await page.getByLabel('Strategy').selectOption('static-prompt');
  await page.getByRole('button', { name: 'Skip the ringing' }).click();
  await page.getByRole('button', { name: /Play with sound$/ }).click();
  await expect(page.getByTestId('current-state')).toContainText('sound on');
  await expect(page.getByLabel('Speed')).toBeDisabled();
  await expect(page.getByTestId('current-state')).toContainText('prompting', { timeout: 5_000 });
  await page.getByRole('button', { name: /Pause$/ }).click();
  await expect(page.getByTestId('current-state')).not.toContainText('sound on');
  expect(errors).toEqual([]);
});

test('downloads the replayed call as an 8 kHz WAV recording', async ({ page }) => {
  await openReplay(page);
  await page.getByLabel('Strategy').selectOption('static-prompt');
  await page.getByRole('button', { name: 'Find an intercepted call' }).click();
  await expect(page.getByTestId('search-status')).toContainText(/Found trial \d+/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /Call audio \(WAV\)/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^static-prompt-attack-\d+-call-\d+\.wav$/);
  const path = await download.path();
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(path);
  expect(bytes.subarray(0, 4).toString('ascii')).toBe('RIFF');
  expect(bytes.subarray(8, 12).toString('ascii')).toBe('WAVE');
  expect(bytes.readUInt32LE(24)).toBe(8000);
  // At least the ringing and the greeting: tens of seconds of 16-bit samples.
  expect(bytes.length).toBeGreaterThan(8000 * 2 * 20);
});

test('on a narrow screen the diagram scrolls to keep the lit state in view', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openReplay(page);
  await page.getByLabel('Strategy').selectOption('static-prompt');
  await page.getByRole('button', { name: 'Find an intercepted call' }).click();
  await expect(page.getByTestId('search-status')).toContainText(/Found trial \d+/);
  const scroller = page.getByTestId('flow-diagram-scroll');
  const lit = page.locator('li[data-state][aria-current="step"]');
  await expect(lit).toHaveAttribute('data-state', 'ringing');
  expect(await scroller.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
  while ((await lit.getAttribute('data-state')) !== 'reading')
    await page.getByRole('button', { name: 'Next event' }).click();
  // The diagram scrolls smoothly: wait for it to come to rest with the lit state in view.
  const scrollerBox = (await scroller.boundingBox())!;
  await expect
    .poll(async () => {
      const box = (await lit.boundingBox())!;
      return box.x >= scrollerBox.x && box.x + box.width <= scrollerBox.x + scrollerBox.width;
    })
    .toBe(true);
});
