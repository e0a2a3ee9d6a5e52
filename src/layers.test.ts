/**
 * The layer rules of eslint.config.js (README, "Layers") catch what they are there for. Each case
 * lints a made-up file at a path in the repository with the repository's own ESLint config and expects
 * the rule's message, or no message at all where the layers allow the import. `npm run lint`
 * applies the same rules to the real code.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

// The made-up files are not on disk, so they get no type information; the rules under test need
// none. Everything else is the config as `npm run lint` loads it.
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: [
    {
      files: ['**/layersFixture*', '**/layersFixture*/**'],
      ...tseslint.configs.disableTypeChecked,
    },
  ],
});

async function lint(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

/** A file at `path` importing `from` and using what it imports. */
const importing = (path: string, from: string) =>
  lint(path, `import * as imported from '${from}';\nexport { imported };\n`);

const layers = (from: string, to: string) =>
  `boundaries/dependencies: Layers: ${from} may not import ${to} ` +
  `(README "Layers"; eslint.config.js, MAY_IMPORT).`;

describe('imports point downwards only', () => {
  it.each([
    ['src/core/layersFixture.ts', '../ui/main.ts', 'core', 'ui'],
    ['src/core/layersFixture.ts', '../scenario/index.ts', 'core', 'scenario'],
    ['src/scenario/layersFixture.ts', '../attacker/index.ts', 'scenario', 'attacker'],
    ['src/phone/layersFixture.ts', '../audio/index.ts', 'phone', 'audio'],
    ['src/flows/layersFixture.ts', '../sim/runChunk.ts', 'flows', 'sim'],
    ['src/sim/layersFixture.ts', '../ui/main.ts', 'sim', 'ui'],
    ['src/sim/layersFixture.ts', '../cli/main.ts', 'sim', 'cli'],
    ['src/sim/layersFixture.ts', '../report/textTable.ts', 'sim', 'report'],
    ['src/report/layersFixture.ts', '../cli/main.ts', 'report', 'cli'],
    ['src/api/layersFixture.ts', './node/index.ts', 'api', 'api-node'],
    ['src/api/layersFixture.ts', '../report/textTable.ts', 'api', 'report'],
    ['src/ui/layersFixture.ts', '../node/workerPool.ts', 'ui', 'node'],
    ['src/ui/layersFixture.ts', '../api/node/index.ts', 'ui', 'api-node'],
    ['src/node/layersFixture.ts', '../browser/index.ts', 'node', 'browser'],
    ['src/cli/layersFixture.ts', '../ui/state/urlState.ts', 'cli', 'ui'],
    ['src/sim/layersFixture.ts', '../../tests/unit/exampleApp/login.ts', 'sim', 'tests'],
  ])('%s importing %s fails', async (path, from, fromLayer, toLayer) => {
    expect(await importing(path, from)).toEqual([layers(fromLayer, toLayer)]);
  });

  it('checks Svelte components too', async () => {
    const component = (from: string) =>
      `<script lang="ts">\n  import * as imported from '${from}';\n</script>\n\n<p>{imported}</p>\n`;
    expect(await lint('src/ui/layersFixture.svelte', component('../node/workerPool.ts'))).toEqual([
      layers('ui', 'node'),
    ]);
    expect(await lint('src/ui/layersFixture.svelte', component('node:fs'))).toEqual([
      `no-restricted-imports: 'node:fs' import is restricted from being used by a pattern. a Node built-in: keep it in a Node adapter (cli, node, api/node) (README "Layers").`,
    ]);
    expect(await lint('src/ui/layersFixture.svelte', component('../sim/runPlan.ts'))).toEqual([]);
  });

  it('keeps test helpers (testing/) out of the code they test', async () => {
    expect(await importing('src/sim/layersFixture.ts', './testing/scenarioWith.ts')).toEqual([
      'boundaries/dependencies: Layers: only tests import test files and test helpers (testing/).',
    ]);
  });

  it.each([
    ['src/scenario/layersFixture.ts', '../core/rng.ts'],
    ['src/audio/layersFixture.ts', '../phone/amd/index.ts'],
    ['src/sim/layersFixture.ts', '../flows/index.ts'],
    ['src/report/layersFixture.ts', '../sim/results.ts'],
    ['src/api/layersFixture.ts', '../sim/runPlan.ts'],
    ['src/api/node/layersFixture.ts', '../handlers.ts'],
    ['src/ui/layersFixture.ts', '../browser/index.ts'],
    ['src/ui/layersFixture.ts', '../api/index.ts'],
    ['src/cli/layersFixture.ts', '../node/workerPool.ts'],
    ['src/cli/layersFixture.ts', '../api/node/index.ts'],
    // api's tests start the simulator in Node (the one test-only allowance).
    ['src/api/layersFixture.test.ts', './node/setupVerifyServer.ts'],
    ['src/sim/layersFixture.test.ts', './testing/scenarioWith.ts'],
    ['tests/unit/layersFixture.ts', '../../src/cli/main.ts'],
  ])('%s importing %s passes', async (path, from) => {
    expect(await importing(path, from)).toEqual([]);
  });
});

const PURE_CODE = `import { readFileSync } from 'node:fs';
import { join } from 'path';
import { setupServer } from 'msw/node';
export const noise = Math.random();
export const now = Date.now() + new Date().getTime();
setTimeout(() => {}, 10);
export const title = document.title + window.name + localStorage.length;
export const env = process.env.HOME;
export { readFileSync, join, setupServer };
`;

const why = (rule: string, text: string) => `${rule}: ${text} (README "Layers").`;
const PURE_FINDINGS = [
  why(
    'no-restricted-imports',
    `'node:fs' import is restricted from being used by a pattern. a Node built-in: keep it in a Node adapter (cli, node, api/node)`,
  ),
  why(
    'no-restricted-imports',
    `'path' import is restricted from being used. path is Node-only: keep it in a Node adapter (cli, node, api/node)`,
  ),
  why(
    'no-restricted-imports',
    `'msw/node' import is restricted from being used. msw/node is Node-only: keep it in a Node adapter (cli, node, api/node)`,
  ),
  why(
    'no-restricted-properties',
    `'Math.random' is restricted from being used. Math.random is global randomness: use the seeded Rng (core/rng.ts)`,
  ),
  why(
    'no-restricted-properties',
    `'Date.now' is restricted from being used. Date.now is the real clock: time is simulated (SimClock)`,
  ),
  why('no-restricted-syntax', 'new Date() is the real clock: time is simulated (SimClock)'),
  why(
    'no-restricted-globals',
    `Unexpected use of 'setTimeout'. setTimeout is a real timer: time is simulated (event queue, SimClock)`,
  ),
  ...['document', 'window', 'localStorage'].map((name) =>
    why(
      'no-restricted-globals',
      `Unexpected use of '${name}'. ${name} is the DOM: pure code runs in worker_threads too`,
    ),
  ),
  why(
    'no-restricted-globals',
    `Unexpected use of 'process'. process is Node-only: pass settings in as arguments`,
  ),
];

describe('the pure layers use no Node, DOM, real clock, timers or global randomness', () => {
  it.each([
    'src/core/layersFixture.ts',
    'src/scenario/layersFixture.ts',
    'src/phone/amd/layersFixture.ts',
    'src/audio/layersFixture.ts',
    'src/sim/layersFixture.ts',
    'src/report/layersFixture.ts',
    'src/api/layersFixture.ts',
    'src/sim/testing/layersFixture.ts',
  ])('%s fails', async (path) => {
    expect(await lint(path, PURE_CODE)).toEqual(PURE_FINDINGS);
  });

  it("lets the page's code (ui, browser) use the DOM, timers and the clock, but not Node", async () => {
    expect(await lint('src/ui/layersFixture.ts', PURE_CODE)).toEqual([
      ...PURE_FINDINGS.slice(0, 3),
      why(
        'no-restricted-globals',
        `Unexpected use of 'process'. process is Node-only: this code runs in a page`,
      ),
    ]);
  });

  it.each([
    // The Node adapters, tests (vitest runs them in Node) and the Web Worker pool's fake worker.
    'src/cli/layersFixture.ts',
    'src/node/layersFixture.ts',
    'src/api/node/layersFixture.ts',
    'src/sim/layersFixture.test.ts',
    'src/browser/testing/layersFixture.ts',
  ])('%s passes', async (path) => {
    expect(await lint(path, PURE_CODE)).toEqual([]);
  });

  it('allows a Date built from a given time (it reads no clock)', async () => {
    expect(await lint('src/sim/layersFixture.ts', 'export const epoch = new Date(0);\n')).toEqual(
      [],
    );
  });
});

describe('no import cycles', () => {
  // A cycle needs both files on disk: no-cycle reads the other one. Removed after the test.
  const dir = mkdtempSync(join(ROOT, 'src/stats/layersFixture-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('between two files of one folder fails', async () => {
    const a = "import { b } from './b.ts';\nexport const a = (): number => b() + 1;\n";
    const b = "import { a } from './a.ts';\nexport const b = (): number => a() - 1;\n";
    writeFileSync(join(dir, 'a.ts'), a);
    writeFileSync(join(dir, 'b.ts'), b);
    expect(await lint(relative(ROOT, join(dir, 'a.ts')), a)).toEqual([
      'import-x/no-cycle: Dependency cycle detected',
    ]);
  });
});
