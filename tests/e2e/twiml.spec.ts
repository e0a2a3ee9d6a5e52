import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import LZString from 'lz-string';

/**
 * A scenario with inline TwiML flows beside a built-in one: "gate" asks for any key, then
 * requests "read-code", which says the code twice. Against the box's greeting of "1" tones, the
 * gate's prompt is cut short by the first tone and the code's second reading is recorded.
 */
const GATE =
  '<Response>\n  <Gather numDigits="1" finishOnKey="" timeout="15" action="inline:read-code">\n    <Say>Press any key to hear your code.</Say>\n  </Gather>\n  <Say>Goodbye.</Say>\n</Response>';
const SCENARIO = {
  name: 'Inline TwiML: press any key',
  seed: 7,
  trials: 400,
  strategies: ['static-prompt', 'gate'],
  flows: {
    gate: { twiml: GATE },
    'read-code': {
      twiml: '<Response><Say>Your code is {{Code}}. Again, {{Code}}.</Say></Response>',
    },
  },
  voicemail: {
    enabled: true,
    pickupAfterSeconds: 25,
    greeting: [{ speech: 0.8 }, { silence: 1 }, { dtmf: '1', toneMs: 120, gapMs: 80, repeat: 10 }],
  },
};

const link = (scenario: object, view?: string) =>
  `/#s=${LZString.compressToEncodedURIComponent(JSON.stringify(scenario, null, 2))}${view ? `&view=${view}` : ''}`;

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Views' }).getByRole('tab', { name }).click();

async function expectNoSevereViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const severe = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    severe.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

test('Compare runs an inline TwiML flow beside a built-in one and lists it as a row', async ({
  page,
}) => {
  await page.goto(link(SCENARIO));
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Done', { timeout: 30_000 });
  const rows = page.getByTestId('results-table').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.locator('th')).toHaveText(['static-prompt', 'gate']);
  const gate = page.locator('tr[data-strategy="gate"]');
  // Nearly every night call lands in the box, whose "1" opens the gate: nearly all intercepted.
  const interception = JSON.parse(
    (await gate.locator('td[data-metric="interceptionRate"]').getAttribute('data-value'))!,
  ) as number;
  expect(interception).toBeGreaterThan(0.9);
  await expect(page.locator('#compare-chart-summary')).toContainText('gate: interception');
  await expectNoSevereViolations(page);
});

test('Replay draws a TwiML call: its sounds in the lanes and its verbs, the running one lit', async ({
  page,
}) => {
  await page.goto(link(SCENARIO));
  await nav(page, 'Replay a call');
  const strategy = page.getByLabel('Strategy');
  await expect(strategy.locator('option')).toHaveText(['static-prompt', 'gate (TwiML)']);
  await strategy.selectOption('gate');
  await expect(page.locator('.call-replay')).toHaveAttribute('data-strategy', 'gate');

  // The service lane: the gate's prompt, cut short by the greeting's tone, then the code.
  const sounds = page.locator('[data-lane="service"] [data-sound="say"]');
  await expect(sounds).toHaveCount(2);
  await expect(sounds.nth(0)).toHaveAttribute('data-cut-short', 'true');
  await expect(sounds.nth(0).locator('title')).toHaveText(
    'says "Press any key to hear your code.", 25.00 s to 26.84 s, cut short',
  );
  await expect(sounds.nth(1).locator('title')).toHaveText(
    /^says "Your code is (\d{6})\. Again, \1\.", 26\.84 s to 33\.67 s$/,
  );
  await expect(page.locator('[data-readout][data-recorded="true"]')).toHaveCount(1);

  // The diagram lists both documents the flow reaches, verb by verb with their lines.
  const diagram = page.locator('figure.twiml-diagram');
  await expect(diagram.locator('[data-document]')).toHaveCount(2);
  await expect(diagram.locator('[data-document="inline:gate"] li[data-verb]')).toHaveCount(3);
  const lit = diagram.locator('li[aria-current="step"]');
  await expect(lit).toHaveCount(0);

  // The box answers at 25 s: the Gather plays its nested Say and listens meanwhile.
  await page.getByRole('button', { name: 'Next event' }).click();
  await expect(page.getByTestId('playhead')).toHaveAttribute('data-time-ms', '25000');
  await expect(lit).toHaveAttribute('data-verb-key', 'inline:gate#1');
  await expect(lit).toContainText('line 3');
  await expect(lit).toContainText('running');
  await expect(diagram.locator('li.listening')).toHaveAttribute('data-verb', 'Gather');
  await expect(page.getByTestId('current-state')).toContainText(
    'verb <Say> at line 3 of inline:gate',
  );

  // The greeting's speech (25.8 s), its first tone (26.8 s), the key heard (26.84 s): the code's
  // document runs.
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Next event' }).click();
  await expect(page.getByTestId('playhead')).toHaveAttribute('data-time-ms', '26840');
  await expect(lit).toHaveAttribute('data-verb-key', 'inline:read-code#0');
  await expect(diagram.locator('li.listening')).toHaveCount(0);

  await expectNoSevereViolations(page);
});

test('the editor marks a TwiML problem inside the inline document, and a file flow as command line only', async ({
  page,
}) => {
  const broken = {
    ...SCENARIO,
    strategies: ['gate', 'files'],
    flows: {
      gate: { twiml: GATE.replace('<Say>Goodbye.</Say>', '<Dial>+15005550006</Dial>') },
      files: { twiml: 'flows/press.xml' },
    },
  };
  await page.goto('/#view=scenario');
  const importer = page.getByLabel('Import a scenario file');
  const importScenario = (name: string, scenario: object) =>
    importer.setInputFiles({
      name,
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(scenario, null, 2)),
    });
  const problems = page.locator('#scenario-problems');

  await importScenario('broken.json', broken);
  await expect(problems).toContainText(
    '$.flows.gate.twiml: expected a TwiML document, found <Dial> is a TwiML verb the simulator does not run',
  );
  await expect(problems).toContainText('at line 5, column 3');
  await expect(page.locator('.cm-lintRange-error')).toHaveText('<Dial>');

  // With the document fixed, what is left is the flow of files the app cannot read.
  await importScenario('files.json', {
    ...broken,
    flows: { ...broken.flows, gate: { twiml: GATE } },
  });
  await expect(problems).toContainText(
    '$.flows.files.twiml: expected an inline TwiML document in the app (a flow of .xml files runs in the command line',
  );
  await expect(page.locator('.cm-lintRange-error')).toHaveText('"twiml": "flows/press.xml"');
  await expectNoSevereViolations(page);
});
