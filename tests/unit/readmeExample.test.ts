/**
 * The README's "Test your own app" examples are the real code, so the README cannot drift: edit
 * tests/unit/testYourOwnApp.test.ts, examples/voice-login/app.ts or tests/unit/voiceLogin.test.ts
 * and copy the part shown into the README.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CALL_EVENT_TYPES } from '../../src/sim/callEvents.ts';

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

  it('shows under "Test your own app" only verbatim excerpts of the files its comments name', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readmeSection(readme, 'Test your own app');
    const calls = section.slice(section.indexOf('### With the Calls API\n'));
    const excerpts = [...calls.matchAll(/<!-- excerpt of (\S+) -->\n```ts\n([\s\S]*?)```/g)];
    expect(excerpts.map(([, file]) => file)).toEqual([
      'examples/voice-login/app.ts',
      'examples/voice-login/app.ts',
      'tests/unit/voiceLogin.test.ts',
      'tests/unit/voiceLogin.test.ts',
    ]);
    expect(calls.split('```ts\n').length - 1).toBe(excerpts.length);
    for (const [, file, excerpt] of excerpts) {
      const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
      expect(`\n${text}`, `README.md's excerpt of ${file}`).toContain(`\n${excerpt}`);
    }
  });

  it('shows the output of its `sim trial` example as the command prints it', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const command = 'npm run sim -- trial scenarios/amd-hello-then-silence.json --strategy amd';
    const block = new RegExp(
      `\\$ ${command.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n([\\s\\S]*?)\`\`\``,
    );
    const shown = block.exec(readme)?.[1];
    const printed = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...command.split(' ').slice(4)],
      { cwd: fileURLToPath(new URL('../../', import.meta.url)), encoding: 'utf8' },
    );
    expect(shown).toBe(printed);
  });

  it('documents every call event type under "Call events"', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readmeSection(readme, 'Call events');
    for (const type of CALL_EVENT_TYPES) expect(section).toContain(`\`${type}\``);
  });
});
