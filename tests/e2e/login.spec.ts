import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/**
 * The login demo: a bank page talking to the Verify simulator through msw's service worker.
 * The simulator's seed is fixed, so the first call of a page load always goes the same way:
 * under random-digit it asks for key 8, which a DTMF 1 greeting cannot give.
 */
const VICTIM = '+15005550199';
const CODE_IN_WORDS = /code is: ((?:\d )+\d)\./;

// Everything is in the page: it may talk to its own server only.
let externalRequests: string[] = [];

test.beforeEach(async ({ context, baseURL, page }) => {
  externalRequests = [];
  const own = new URL(baseURL!).origin;
  await context.route(
    (url) => /^(https?|wss?):$/.test(url.protocol) && url.origin !== own,
    (route) => {
      externalRequests.push(route.request().url());
      return route.abort();
    },
  );
  await page.goto('/');
  await page.getByRole('tab', { name: 'Login demo' }).click();
  await expect(page.getByRole('button', { name: 'Send code by call' })).toBeEnabled();
});

test.afterEach(() => {
  expect(externalRequests).toEqual([]);
});

async function expectNoSevereAxeViolations(page: Page, exclude: string[] = []) {
  let axe = new AxeBuilder({ page }).include('main');
  for (const selector of exclude) axe = axe.exclude(selector);
  const results = await axe.analyze();
  const severe = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  const where = severe.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  expect(where).toEqual([]);
}

async function sendCodeByCall(page: Page, strategy: string, phone: string | RegExp) {
  await page.getByRole('radio', { name: new RegExp(`^${strategy}:`) }).check();
  await page.getByRole('radio', { name: phone }).check();
  await page.getByLabel(/^Phone number/).fill(VICTIM);
  await page.getByRole('button', { name: 'Send code by call' }).click();
  await expect(page.getByTestId('bank-status')).toContainText(
    new RegExp(`We (called|are calling) \\${VICTIM}`),
  );
}

async function signIn(page: Page, code: string) {
  const field = page.getByLabel('Code from the call');
  await field.fill(code);
  // The keyboard submits the form.
  await field.press('Enter');
}

function codeIn(text: string): string {
  const match = CODE_IN_WORDS.exec(text);
  expect(match, `a code read out in "${text}"`).not.toBeNull();
  return match![1]!.replaceAll(' ', '');
}

test('the owner presses the key the call asks for on the keypad, hears the code and signs in', async ({
  page,
}) => {
  await sendCodeByCall(page, 'static-prompt', 'The owner answers');
  const handset = page.getByTestId('owner-handset');
  const transcript = page.getByTestId('owner-heard');
  await expect(transcript.getByRole('listitem')).toHaveText(['Call: “Press 1 to hear your code.”']);
  await expect(page.getByTestId('handset-status')).toContainText(
    'The call is waiting for your key: it asked for 1.',
  );
  await expect(page.getByTestId('login-call-summary')).toHaveCount(0);

  await handset.getByRole('group', { name: 'Keypad' }).getByRole('button', { name: '1' }).click();
  const lines = transcript.getByRole('listitem');
  await expect(lines.nth(1)).toHaveText('You: You pressed 1.');
  await expect(lines.nth(2)).toContainText('Your verification code is:');
  await expect(page.getByTestId('handset-status')).toHaveText(
    "The call has ended. Type the code into the bank's page.",
  );
  await expect(page.getByTestId('login-call-summary')).toContainText(
    /The owner answered at [\d.]+ s\. The service asked for key 1; the owner pressed 1\./,
  );
  await expect(page.locator('li[data-state][aria-current="step"]')).toHaveText(/ended/);

  await signIn(page, codeIn((await lines.nth(2).textContent())!));
  await expect(page.getByTestId('bank-status')).toHaveText('Signed in. Welcome to your account.');
  await expect(page.getByText('You are signed in to your Demo Bank account.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeFocused();
  await expectNoSevereAxeViolations(page);
});

test('a wrong key typed on the keyboard makes random-digit hang up, and no code signs in', async ({
  page,
}) => {
  await sendCodeByCall(page, 'random-digit', 'The owner answers');
  const transcript = page.getByTestId('owner-heard');
  await expect(transcript.getByRole('listitem')).toHaveText(['Call: “Press 8 to hear your code.”']);
  await page.getByTestId('owner-handset').focus();
  await page.keyboard.press('3');
  await expect(transcript.getByRole('listitem')).toHaveText([
    'Call: “Press 8 to hear your code.”',
    'You: You pressed 3.',
  ]);
  await expect(page.getByTestId('handset-status')).toHaveText(
    'The call has ended without reading you the code.',
  );
  await expect(page.getByTestId('login-call-summary')).toContainText(
    'The service asked for key 8; the owner pressed 3. The service got the wrong key first and hung up without reading the code.',
  );
  await signIn(page, '123456');
  await expect(page.getByTestId('bank-status')).toHaveText(
    'That code is not right. Check it and try again.',
  );
});

test('the keypad has every key of a phone, each named by its digit', async ({ page }) => {
  const keypad = page.getByRole('group', { name: 'Keypad' });
  const faces = await keypad.getByRole('button').allInnerTexts();
  expect(faces.map((face) => face.replace(/\s+/g, ''))).toEqual([
    '1',
    '2ABC',
    '3DEF',
    '4GHI',
    '5JKL',
    '6MNO',
    '7PQRS',
    '8TUV',
    '9WXYZ',
    '*',
    '0',
    '#',
  ]);
  for (const name of ['1', '2', '9', '*', '0', '#']) {
    await expect(keypad.getByRole('button', { name, exact: true })).toHaveCount(1);
  }
  // No call waits for a key yet: the keys say so and do nothing.
  await expect(keypad.getByRole('button', { name: '5', exact: true })).toHaveAttribute(
    'aria-disabled',
    'true',
  );
});

test('engineer detail (endpoints) stays hidden while technical details are off', async ({
  page,
}) => {
  await expect(page.getByText('PUT /sim/v1/Services/…')).toHaveCount(0);
  await expect(page.getByText(/POST …\/VerificationCheck/)).toHaveCount(0);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds nothing serious on the Login demo with a call on screen, ${scheme} theme`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await sendCodeByCall(page, 'random-digit', 'The owner answers');
    await expect(page.getByTestId('handset-status')).toContainText('waiting for your key');
    await expectNoSevereAxeViolations(page);
    await page.getByRole('group', { name: 'Keypad' }).getByRole('button', { name: '8' }).click();
    await expect(page.getByTestId('login-call-summary')).toBeVisible();
    // The call's diagram and lanes are the Replay view's components, themed with that view.
    await expectNoSevereAxeViolations(page);
  });
}

test('the attacker reads the code off a DTMF-1 greeting voicemail under static-prompt', async ({
  page,
}) => {
  await sendCodeByCall(page, 'static-prompt', /greeting presses 1/);
  await expect(page.getByTestId('login-call-summary')).toContainText(
    "the greeting's recorded tone pressed 1",
  );
  await expect(page.getByTestId('login-call-summary')).toContainText('the code is in the box');
  // The call log is drawn with the Replay view's lanes: the greeting's tones, each reported.
  const lanes = page.getByRole('region', { name: /Swim lanes/ });
  await expect(lanes).toBeVisible();
  const tones = lanes.locator('[data-lane="dtmf"] [data-digit="1"][data-from="voicemail"]');
  await expect(tones).toHaveCount(10);
  await expect(lanes.locator('[data-lane="dtmf"] [data-detected="true"]')).toHaveCount(10);

  await page.getByRole('radio', { name: /the attacker/ }).check();
  await page.getByRole('button', { name: `Open the voicemail of ${VICTIM}` }).click();
  await expect(page.getByTestId('voicemail-message')).toHaveCount(1);
  await page.getByRole('button', { name: '▶ Replay message 1' }).click();
  const transcript = page.getByTestId('voicemail-transcript');
  await expect(transcript).toContainText('Your verification code is:');
  await signIn(page, codeIn((await transcript.textContent())!));
  await expect(page.getByTestId('bank-status')).toHaveText('Signed in. Welcome to your account.');

  await expectNoSevereAxeViolations(page);
});

test('the attacker finds no code in the voicemail under random-digit and is refused', async ({
  page,
}) => {
  await sendCodeByCall(page, 'random-digit', /greeting presses 1/);
  await expect(page.getByTestId('login-call-summary')).toContainText(
    "The service asked for key 8; the greeting's recorded tone pressed 1. The service got the wrong key first and hung up without reading the code.",
  );

  await page.getByRole('radio', { name: /the attacker/ }).check();
  await page.getByRole('button', { name: `Open the voicemail of ${VICTIM}` }).click();
  await expect(page.getByTestId('voicemail-empty')).toHaveText(
    `No messages in the box of ${VICTIM}.`,
  );

  await signIn(page, '123456');
  await expect(page.getByTestId('bank-status')).toHaveText(
    'That code is not right. Check it and try again.',
  );
  await expect(page.getByRole('heading', { name: '2. Demo Bank: sign in' })).toBeVisible();
  await expect(page.getByText('You are signed in')).toHaveCount(0);
});

test("the bank page explains the service's refusals in plain words", async ({ page }) => {
  const status = page.getByTestId('bank-status');
  const send = page.getByRole('button', { name: 'Send code by call' });
  await page.getByLabel(/^Phone number/).fill('555 0199');
  await send.click();
  await expect(status).toContainText('That phone number is not in international (E.164) format');
  await expect(status).toContainText('(error 60200, HTTP 400)');

  await page.getByLabel(/^Phone number/).fill(VICTIM);
  for (let sent = 1; sent <= 5; sent++) {
    await send.click();
    await expect(status).toContainText(`We are calling ${VICTIM}`);
  }
  await send.click();
  await expect(status).toContainText('Too many codes sent to this number');
  await expect(status).toContainText('(error 60203, HTTP 429)');

  await page.getByRole('button', { name: 'Let 10 minutes pass' }).click();
  await expect(page.getByText(/Simulated time is now 2026-01-01T00:10:00Z/)).toBeVisible();
  await send.click();
  await expect(status).toContainText(`We are calling ${VICTIM}`);
});

test('a link or a reload opens the view it names', async ({ page }) => {
  await expect(page).toHaveURL(/[#&]view=login(&|$)/);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Login demo', exact: true })).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('tab', { name: 'Greeting', exact: true })
    .click();
  await expect(page).toHaveURL(/[#&]view=greeting(&|$)/);
  await page.goto('/#view=story');
  await expect(page.getByRole('tab', { name: 'Story mode' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('tab', { name: 'Compare', exact: true })
    .click();
  await expect(page).not.toHaveURL(/view=/);
});
