import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PALETTE_ENTRIES } from '../../report/strategyPalette.ts';

const css = readFileSync(new URL('./theme.css', import.meta.url), 'utf8');

/** The custom properties declared in the first rule whose selector starts with `selector`. */
function tokens(selector: string): Map<string, string> {
  const start = css.indexOf(`${selector} {`);
  expect(start, `rule ${selector}`).toBeGreaterThanOrEqual(0);
  const body = css.slice(start, css.indexOf('}', start));
  return new Map([...body.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

/** WCAG 2.1 relative luminance and contrast ratio (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio). */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const light = tokens(':root');
const dark = tokens(":root[data-theme='dark']");
const systemDark = tokens(":root:not([data-theme='light'])");

const TEXT_PAIRS: Array<[string, string]> = [
  ['--color-text', '--color-bg'],
  ['--color-text', '--color-surface'],
  ['--color-text', '--color-surface-raised'],
  ['--color-text-muted', '--color-bg'],
  ['--color-text-muted', '--color-surface'],
  ['--color-accent', '--color-bg'],
  ['--color-accent', '--color-surface'],
  ['--color-on-accent', '--color-accent'],
  ['--color-text', '--color-accent-surface'],
  ['--color-danger', '--color-bg'],
  ['--color-danger', '--color-danger-surface'],
  ['--color-warning', '--color-bg'],
  ['--color-warning', '--color-warning-surface'],
  ['--color-success', '--color-bg'],
  ['--color-success', '--color-success-surface'],
  ['--color-on-highlight', '--color-highlight'],
];

describe('theme tokens', () => {
  it('declares the same dark tokens for the system preference and the toggle', () => {
    expect(systemDark).toEqual(dark);
  });

  it("declares each strategy's colour as the shared palette has it, in both themes", () => {
    for (const entry of PALETTE_ENTRIES) {
      expect([light.get(entry.token), dark.get(entry.token)], entry.token).toEqual([
        entry.light,
        entry.dark,
      ]);
    }
    const declared = [...light.keys()].filter((k) => k.startsWith('--strategy'));
    expect(declared.sort()).toEqual(PALETTE_ENTRIES.map((e) => e.token).sort());
  });

  it('declares every light colour in the dark theme too', () => {
    const colours = [...light.keys()].filter(
      (k) => k.startsWith('--color') || k.startsWith('--strategy'),
    );
    expect(colours.filter((k) => !dark.has(k))).toEqual([]);
  });

  for (const [name, theme] of [
    ['light', light],
    ['dark', dark],
  ] as const) {
    it(`meets AA for text (4.5:1) in the ${name} theme`, () => {
      const failing = TEXT_PAIRS.map(
        ([fg, bg]) => [fg, bg, contrast(theme.get(fg)!, theme.get(bg)!)] as const,
      )
        .filter(([, , ratio]) => ratio < 4.5)
        .map(([fg, bg, ratio]) => `${fg} on ${bg}: ${ratio.toFixed(2)}`);
      expect(failing).toEqual([]);
    });

    it(`meets 3:1 for strategy marks and borders in the ${name} theme`, () => {
      const marks = [...theme.keys()].filter(
        (k) => k.startsWith('--strategy') || k === '--color-border',
      );
      const failing = marks.flatMap((k) =>
        ['--color-bg', '--color-surface']
          .map((bg) => [k, bg, contrast(theme.get(k)!, theme.get(bg)!)] as const)
          .filter(([, , ratio]) => ratio < 3),
      );
      expect(failing).toEqual([]);
    });
  }
});
