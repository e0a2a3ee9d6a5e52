import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test('story mode advances through all five scenes, each with its sentence and a replay', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Story mode' }).click();
  const next = page.getByRole('button', { name: 'Next scene ▶' });
  const sentences = new Set<string>();
  for (let k = 1; k <= 5; k++) {
    await expect(page.getByTestId('scene-position')).toContainText(`Scene ${k} of 5`);
    const sentence = (await page.getByTestId('scene-sentence').textContent())!.trim();
    expect(sentence.length).toBeGreaterThan(40);
    sentences.add(sentence);
    const scene = page.locator(`article[data-scene="${k}"]`);
    await expect(scene.getByRole('region', { name: /Swim lanes/ })).toBeVisible();
    await expect(scene.locator('li[data-state][aria-current="step"]')).toHaveCount(1);
    await expect(scene.getByTestId('call-summary')).not.toBeEmpty();
    if (k < 5) await next.press('Enter');
  }
  expect(sentences.size).toBe(5);
  await expect(next).toBeDisabled();
  // Focus moved off the disabled Next button: the keyboard can go straight back.
  await expect(page.getByRole('button', { name: '◀ Previous scene' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('scene-position')).toContainText('Scene 4 of 5');
});

test('the scenes show what their sentences say', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Story mode' }).click();
  const scene = (k: number) => page.locator(`article[data-scene="${k}"]`);
  await expect(scene(1).locator('[data-submission="owner"]')).toHaveAttribute(
    'data-accepted',
    'true',
  );
  await page.getByRole('button', { name: /^3\./ }).click();
  await expect(scene(3).locator('[data-readout][data-recorded="true"]').first()).toBeVisible();
  await expect(scene(3).locator('[data-submission="attacker"]')).toHaveAttribute(
    'data-accepted',
    'true',
  );
  await page.getByRole('button', { name: /^5\./ }).click();
  await expect(scene(5).locator('[data-readout]')).toHaveCount(0);
  await expect(scene(5).getByTestId('call-summary')).toContainText('the code was never read');
  const results = await new AxeBuilder({ page }).include('main').analyze();
  const severe = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(severe.map((v) => v.id)).toEqual([]);
});
