/**
 * Refreshes the README's screenshots of the main views (docs/*.png): `npm run screenshots`.
 * Skipped in `npm test`, which must not rewrite committed files.
 */
import { expect, test } from '@playwright/test';
import LZString from 'lz-string';

test.skip(
  !process.env.UPDATE_SCREENSHOTS,
  'set UPDATE_SCREENSHOTS=1 (npm run screenshots) to refresh docs/',
);
test.use({ viewport: { width: 1280, height: 800 } });

for (const colorScheme of ['light', 'dark'] as const) {
  const suffix = colorScheme === 'dark' ? '-dark' : '';

  test(`compare view after a run, ${colorScheme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('/');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const ask = page.getByRole('alertdialog');
    await expect(
      ask.or(page.getByRole('progressbar', { name: 'Trials done' })).first(),
    ).toBeVisible();
    if (await ask.isVisible()) await ask.getByRole('button', { name: 'Run all anyway' }).click();
    await expect(page.getByRole('status')).toContainText('Done', { timeout: 300_000 });
    await expect(page.locator('tbody tr')).toHaveCount(4);
    await page.screenshot({ path: `docs/compare${suffix}.png`, fullPage: true });
  });
}

/** Presenter mode at 1280×720: an intercepted call in Replay and Story scene 6 (the campaign). */
for (const colorScheme of ['light', 'dark'] as const) {
  test(`presenter mode: an intercepted call and story scene 6, ${colorScheme} theme`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.emulateMedia({ colorScheme });
    await page.goto('/#view=replay');
    await page.getByRole('button', { name: /Find an intercepted call/ }).click();
    await expect(page.locator('[data-recorded="true"]').first()).toBeVisible({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Presenter mode' }).click();
    await page.waitForTimeout(1000);
    await page.screenshot({ path: `docs/presenter-replay-${colorScheme}.png` });
    await page.getByRole('tab', { name: 'Story mode' }).click();
    for (let k = 1; k < 6; k++) await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('scene-position')).toContainText('Scene 6 of 9');
    await page.waitForTimeout(1000);
    await page.screenshot({ path: `docs/presenter-story-${colorScheme}.png` });
  });
}

test('replay of an intercepted call', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Replay a call' }).click();
  await page.getByRole('button', { name: /Find an intercepted call/ }).click();
  await expect(page.locator('[data-recorded="true"]').first()).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: 'docs/replay.png', fullPage: true });
});

test('scenario workbench', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Scenario' }).click();
  await expect(page.locator('.cm-content')).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: 'docs/scenario.png', fullPage: true });
});

test('story mode', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Story mode' }).click();
  await page.waitForTimeout(1000);
  await page.screenshot({ path: 'docs/story.png', fullPage: true });
});

test('greeting analysis', async ({ page }) => {
  await page.goto('/');
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('tab', { name: 'Greeting', exact: true })
    .click();
  await page.getByRole('button', { name: /^Attacker: “Hello\?”/ }).click();
  await expect(page.getByRole('img', { name: /Waveform with \d+ speech/ })).toBeVisible({
    timeout: 30_000,
  });
  await page.screenshot({ path: 'docs/greeting.png', fullPage: true });
});

test('login demo, attacker reading the voicemail', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Login demo' }).click();
  await expect(page.getByRole('button', { name: 'Send code by call' })).toBeEnabled();
  await page.getByRole('radio', { name: /^static-prompt:/ }).check();
  await page.getByRole('radio', { name: /greeting presses 1/ }).check();
  await page.getByLabel(/^Phone number/).fill('+15005550199');
  await page.getByRole('button', { name: 'Send code by call' }).click();
  await page.getByRole('radio', { name: /the attacker/ }).check();
  await page.getByRole('button', { name: /Open the voicemail of/ }).click();
  await page.getByRole('button', { name: '▶ Replay message 1' }).click();
  await expect(page.getByTestId('voicemail-transcript')).toContainText(
    'Your verification code is:',
  );
  await page.screenshot({ path: 'docs/login.png', fullPage: true });
});

test('replay of a TwiML call', async ({ page }) => {
  // An inline "press any key" gate: the greeting's "1" opens it, the code's second reading is recorded.
  const gate =
    '<Response>\n  <Gather numDigits="1" finishOnKey="" timeout="15" action="inline:read-code">\n    <Say>Press any key to hear your code.</Say>\n  </Gather>\n  <Say>Goodbye.</Say>\n</Response>';
  const scenario = {
    name: 'Inline TwiML: press any key',
    seed: 7,
    trials: 400,
    strategies: ['static-prompt', 'gate'],
    flows: {
      gate: { twiml: gate },
      'read-code': {
        twiml: '<Response><Say>Your code is {{Code}}. Again, {{Code}}.</Say></Response>',
      },
    },
    voicemail: {
      enabled: true,
      pickupAfterSeconds: 25,
      greeting: [
        { speech: 0.8 },
        { silence: 1 },
        { dtmf: '1', toneMs: 120, gapMs: 80, repeat: 10 },
      ],
    },
  };
  await page.goto(`/#s=${LZString.compressToEncodedURIComponent(JSON.stringify(scenario))}`);
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('tab', { name: 'Replay a call' })
    .click();
  await page.getByLabel('Strategy').selectOption('gate');
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Next event' }).click();
  await expect(page.locator('figure.twiml-diagram li[aria-current="step"]')).toHaveCount(1);
  await page.screenshot({ path: 'docs/replay-twiml.png', fullPage: true });
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`sweep of amd.greetingMs, ${colorScheme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('/#id=amd-greeting-length-sweep&view=sweep');
    await page.getByRole('textbox', { name: 'Trials per point' }).fill('500');
    await page.getByRole('button', { name: 'Run sweep' }).click();
    await expect(page.getByTestId('sweep-status')).toHaveAttribute('data-status', 'done', {
      timeout: 300_000,
    });
    await page
      .locator('[data-panel="curve-security"] [data-point="5"][data-strategy="amd"]')
      .click();
    await page.waitForTimeout(1000);
    const suffix = colorScheme === 'dark' ? '-dark' : '';
    await page.screenshot({ path: `docs/sweep${suffix}.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByRole('button', { name: 'Presenter mode' }).click();
    await page.getByRole('heading', { name: 'How the rates move' }).scrollIntoViewIfNeeded();
    await page.waitForTimeout(1000);
    await page.screenshot({ path: `docs/presenter-sweep-${colorScheme}.png` });
  });
}

/**
 * The Red team view after a search with the default budget and trials against random-digit's
 * campaign: no greeting does much better than one right key in ten over five calls.
 */
for (const colorScheme of ['light', 'dark'] as const) {
  test(`red team search against random-digit, ${colorScheme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('/#view=redteam');
    await page.getByLabel('Flow to attack').selectOption('random-digit');
    await page.getByRole('radio', { name: 'Campaign' }).check();
    await page.getByRole('button', { name: 'Run search' }).click();
    await expect(page.getByTestId('redteam-status')).toHaveAttribute('data-status', 'done', {
      timeout: 300_000,
    });
    await page.waitForTimeout(1000);
    const suffix = colorScheme === 'dark' ? '-dark' : '';
    await page.screenshot({ path: `docs/redteam${suffix}.png`, fullPage: true });
  });
}
