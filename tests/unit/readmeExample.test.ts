/**
 * The README's "Test your own app" example is the real test next to this file, so the README
 * cannot drift: edit tests/unit/testYourOwnApp.test.ts and copy it into the README.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

function readmeSection(readme: string, heading: string): string {
  const section = readme.split(/^## /m).find((part) => part.startsWith(`${heading}\n`));
  if (section === undefined) throw new Error(`README.md has no "## ${heading}" section`);
  return section;
}

describe('README.md', () => {
  it('shows tests/unit/testYourOwnApp.test.ts verbatim under "Test your own app"', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const example = /```ts\n([\s\S]*?)```/.exec(readmeSection(readme, 'Test your own app'));
    const test = readFileSync(new URL('./testYourOwnApp.test.ts', import.meta.url), 'utf8');
    expect(example?.[1]).toBe(test);
  });
});
