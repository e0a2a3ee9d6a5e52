// @ts-check
/**
 * ESLint: type-aware TypeScript rules, and the layers of the code (README, "Layers") enforced.
 *
 *   core ← scenario ← {attacker, otp, stats, phone} ← {audio, flows} ← sim ← report ← adapters
 *
 * `boundaries/dependencies` is an allow-list: a folder may import only the folders named for it
 * below (and itself); everything else is an error. The allowed graph has no cycle, so no two
 * folders can depend on each other; `import-x/no-cycle` catches cycles between files inside one
 * folder. The pure layers (everything but the adapters) must also run unchanged in a page, a Web
 * Worker, worker_threads and vitest: no Node built-ins, no DOM, no real clock, timers or global
 * randomness (the `no-restricted-*` rules at the end).
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from 'eslint-plugin-boundaries';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';

/** Domain models: pure, above core, below sim. */
const DOMAIN = ['scenario', 'attacker', 'otp', 'stats', 'phone', 'audio', 'flows'];

/**
 * What each layer may import, besides itself. Read it bottom-up: every name on a right-hand side
 * is lower than the key. Tests and test helpers (`*.test.ts`, `testing/`) follow the same map,
 * with the one exception in TEST_ONLY below.
 */
const MAY_IMPORT = {
  core: [],
  // The scenario format is the vocabulary of every domain model: it sits right above core.
  scenario: ['core'],
  attacker: ['core', 'scenario'],
  otp: ['core', 'scenario'],
  stats: ['core', 'scenario'],
  phone: ['core', 'scenario'],
  // The audio path runs app_amd (phone/amd) on rendered PCM.
  audio: ['core', 'scenario', 'phone'],
  // The flows react to app_amd's verdicts (phone/amd's types).
  flows: ['core', 'scenario', 'phone'],
  sim: ['core', ...DOMAIN],
  report: ['core', ...DOMAIN, 'sim'],
  // Adapters. None imports another, except where named.
  // api: the msw handlers; they run in a page (service worker) and in Node.
  api: ['core', ...DOMAIN, 'sim'],
  // api/node: setupServer and the HTTP server, around the handlers.
  'api-node': ['core', ...DOMAIN, 'sim', 'api'],
  // node: the worker_threads pool.
  node: ['core', ...DOMAIN, 'sim'],
  // browser: the Web Worker pool.
  browser: ['core', ...DOMAIN, 'sim'],
  // cli runs simulations on the worker_threads pool (node) and `sim serve` starts the HTTP
  // simulator (api/node).
  cli: ['core', ...DOMAIN, 'sim', 'report', 'node', 'api-node'],
  // ui runs simulations on the Web Worker pool (browser); the login demo runs the Verify
  // simulator in the page (api, never api/node).
  ui: ['core', ...DOMAIN, 'sim', 'report', 'browser', 'api'],
};

/**
 * Tests and test helpers may import these too. api's own tests and helpers (api/testing) start
 * the simulator with msw/node's setupServer, in api/node: they run in Node only.
 */
const TEST_ONLY = { api: ['api-node'] };

/** Adapters and harnesses: everything that is not a pure layer. */
const ADAPTERS = ['api-node', 'node', 'browser', 'cli', 'ui'];

const elements = [
  // First match wins: api/node before api.
  { type: 'api-node', pattern: 'src/api/node', partialMatch: false },
  ...Object.keys(MAY_IMPORT)
    .filter((type) => type !== 'api-node')
    .map((type) => ({ type, pattern: `src/${type}`, partialMatch: false })),
  // Harnesses outside src may import anything in it; nothing in src may import them.
  { type: 'tests', pattern: 'tests', partialMatch: false },
  { type: 'bench', pattern: 'bench', partialMatch: false },
];

const layerPolicies = Object.entries(MAY_IMPORT)
  .filter(([, allowed]) => allowed.length > 0)
  .map(([type, allowed]) => ({
    from: { element: { type } },
    allow: { to: { element: { type: allowed } } },
  }));

/** Files of the pure layers: they run in the page, Web Workers, worker_threads and vitest. */
const PURE = [
  ...['core', ...DOMAIN, 'sim', 'report', 'api'].map((layer) => `src/${layer}/**/*.ts`),
];
const TEST_FILES = ['**/*.test.ts', '**/testing/**'];
const DOM_GLOBALS = [
  'window',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'self',
];
const message = (what, instead) => `${what}: ${instead} (the pure layers, README "Layers").`;

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'public/**', 'test-results/**', 'playwright-report/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js', 'src/node/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.browser, ...globals.node },
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },

  // --- Layers -----------------------------------------------------------------------------------
  {
    files: ['src/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts'],
    plugins: { boundaries, 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
      'import/resolver': { typescript: { project: './tsconfig.json' } },
      'boundaries/elements': elements,
      // First match wins: a file is either a test (or test helper) or source.
      'boundaries/files-single-match': true,
      'boundaries/files': [
        { category: 'test', pattern: TEST_FILES },
        { category: 'source', pattern: '**' },
      ],
      'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import'],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          message:
            'Layers: {{from.element.type}} may not import {{to.element.type}} ' +
            '(README "Layers", eslint.config.js MAY_IMPORT).',
          policies: [
            ...layerPolicies,
            ...Object.entries(TEST_ONLY).map(([type, allowed]) => ({
              from: { element: { type }, file: { categories: 'test' } },
              allow: { to: { element: { type: allowed } } },
            })),
            {
              from: { element: { type: ['tests', 'bench'] } },
              allow: { to: { element: { type: '*' } } },
            },
            // Test files and helpers (`testing/`) are for tests only.
            {
              from: { file: { categories: 'source' } },
              disallow: { to: { file: { categories: 'test' } } },
              message: 'Layers: only tests import test files and test helpers (testing/).',
            },
          ],
        },
      ],
      'import-x/no-cycle': 'error',
    },
  },

  // --- The pure layers --------------------------------------------------------------------------
  {
    files: PURE,
    ignores: [...TEST_FILES, 'src/api/node/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^node:',
              message: message(
                'a Node built-in',
                'keep Node code in an adapter (cli, node, api/node)',
              ),
            },
            {
              group: ['msw/node'],
              message: message(
                'msw/node',
                'the handlers must also run in a page (put it under src/api/node)',
              ),
            },
          ],
          paths: [
            'fs',
            'fs/promises',
            'path',
            'os',
            'url',
            'worker_threads',
            'child_process',
            'crypto',
            'process',
            'buffer',
            'stream',
            'events',
            'util',
            'http',
            'https',
            'net',
            'timers',
            'perf_hooks',
          ].map((name) => ({
            name,
            message: message(
              'a Node built-in',
              'keep Node code in an adapter (cli, node, api/node)',
            ),
          })),
        },
      ],
      'no-restricted-globals': [
        'error',
        ...DOM_GLOBALS.map((name) => ({
          name,
          message: message('the DOM', 'pure code runs in Web Workers and worker_threads too'),
        })),
        ...['setTimeout', 'setInterval', 'setImmediate', 'requestAnimationFrame'].map((name) => ({
          name,
          message: message('a real timer', 'time is simulated (an event queue or SimClock)'),
        })),
        { name: 'process', message: message('the Node process', 'pass settings in as arguments') },
        { name: 'performance', message: message('the real clock', 'time is simulated') },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: message('Math.random', 'use the seeded Rng (core/rng.ts)'),
        },
        {
          object: 'Date',
          property: 'now',
          message: message('the real clock', 'time is simulated (SimClock)'),
        },
        {
          object: 'crypto',
          property: 'getRandomValues',
          message: message('global randomness', 'use the seeded Rng'),
        },
        {
          object: 'crypto',
          property: 'randomUUID',
          message: message('global randomness', 'use the seeded Rng'),
        },
        ...[...DOM_GLOBALS, 'setTimeout', 'setInterval', 'process'].map((property) => ({
          object: 'globalThis',
          property,
          message: message(
            `globalThis.${property}`,
            'the pure layers use no DOM, real timers or process',
          ),
        })),
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: message('new Date()', 'time is simulated (SimClock)'),
        },
      ],
    },
  },
);
