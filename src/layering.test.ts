/**
 * DESIGN.md's layering rule, checked: the domain and simulation code imports no Node module and
 * touches no DOM, real clock or global random source, so it runs unchanged in a page, a Web
 * Worker, worker_threads and vitest.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const PURE_LAYERS = [
  'core',
  'scenario',
  'flows',
  'phone',
  'attacker',
  'otp',
  'stats',
  'sim',
  'report',
  'audio',
];
const SRC = new URL('.', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const FORBIDDEN: Array<[RegExp, string]> = [
  [/from ['"]node:/, 'a Node built-in module'],
  [/from ['"](fs|path|os|worker_threads|child_process|crypto)['"]/, 'a Node built-in module'],
  [
    /from ['"]\.\.\/(ui|cli|node)\//,
    'an adapter layer (ui, cli, node): imports point downwards only',
  ],
  [/\bMath\.random\(/, 'Math.random (use the seeded Rng)'],
  [/\bDate\.now\(|new Date\(\)/, 'the real clock (time is simulated)'],
  [/\bsetTimeout\(|\bsetInterval\(/, 'real timers'],
  [/\b(document|window|localStorage)\.[A-Za-z_]/, 'the DOM'],
  [/\bprocess\./, 'the Node process'],
];

describe('the pure layers', () => {
  for (const layer of PURE_LAYERS) {
    it(`src/${layer} uses no Node, DOM, real clock or global randomness`, () => {
      const offences: string[] = [];
      for (const file of sourceFiles(join(SRC, layer))) {
        const text = readFileSync(file, 'utf8');
        for (const [pattern, what] of FORBIDDEN) {
          if (pattern.test(text)) offences.push(`${file.slice(SRC.length)}: ${what}`);
        }
      }
      expect(offences).toEqual([]);
    });
  }
});
