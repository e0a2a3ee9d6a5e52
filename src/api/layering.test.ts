/**
 * The handlers run in a page (msw's service worker) as well as in Node: outside src/api/node
 * nothing imports Node, and the simulator reads no real clock or global randomness.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const API = new URL('.', import.meta.url).pathname;

function browserSafeSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node' ? [] : browserSafeSources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const FORBIDDEN: Array<[RegExp, string]> = [
  [/from ['"](node:|msw\/node)/, 'a Node-only module (put it under src/api/node)'],
  [/\bMath\.random\(/, 'Math.random (use the seeded Rng)'],
  [/\bDate\.now\(|new Date\(\)/, 'the real clock (use SimClock)'],
  [/\bsetTimeout\(|\bsetInterval\(/, 'real timers'],
  [/\bprocess\./, 'the Node process'],
];

describe('src/api', () => {
  it('imports nothing Node-only outside src/api/node and uses no real clock or randomness', () => {
    const offences: string[] = [];
    for (const file of browserSafeSources(API)) {
      const text = readFileSync(file, 'utf8');
      for (const [pattern, what] of FORBIDDEN) {
        if (pattern.test(text)) offences.push(`${file.slice(API.length)}: ${what}`);
      }
    }
    expect(offences).toEqual([]);
  });
});
