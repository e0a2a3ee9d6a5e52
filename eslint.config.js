// @ts-check
/**
 * ESLint: typescript-eslint's type-aware rules, and the layers of the code (README, "Layers")
 * enforced:
 *
 *   core ← scenario ← {attacker, otp, stats, phone} ← {audio, flows} ← sim ← redteam ← report ← adapters
 *
 * `boundaries/dependencies` (eslint-plugin-boundaries) is an allow-list: a folder may import
 * itself and the folders MAY_IMPORT names for it, nothing else. That graph has no cycle, so no
 * two folders can depend on each other; `import-x/no-cycle` catches cycles between files inside
 * one folder. The pure layers (core, the domain models, sim, report, and api outside api/node)
 * also run unchanged in a page, a Web Worker, worker_threads and vitest: no Node built-ins, no
 * DOM, no real clock, timers or global randomness (the `no-restricted-*` rules below).
 * src/layers.test.ts shows each rule failing on a deliberate violation.
 */
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from 'eslint-plugin-boundaries';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import { defineConfig } from 'eslint/config';

/** Domain models: pure, above core, below sim. */
const DOMAIN = ['twiml', 'scenario', 'attacker', 'otp', 'stats', 'phone', 'audio', 'flows'];

/**
 * What each folder of src/ may import, besides itself. Every name on a right-hand side is lower
 * than its key. Tests and test helpers (`*.test.ts`, `testing/`) follow the same map, with the
 * one exception in TESTS_MAY_ALSO_IMPORT.
 */
const MAY_IMPORT = {
  core: [],
  // TwiML documents: the parser, the speech rules, the request types (no scenario vocabulary).
  twiml: ['core'],
  // The scenario format (types, defaults, validation) is the vocabulary of every domain model.
  // It validates a flow's inline TwiML with twiml's parser.
  scenario: ['core', 'twiml'],
  attacker: ['core', 'scenario'],
  otp: ['core', 'scenario'],
  stats: ['core', 'scenario'],
  phone: ['core', 'scenario'],
  // The audio path runs app_amd (phone/amd) on rendered PCM.
  audio: ['core', 'scenario', 'phone'],
  // The flows react to app_amd's verdicts (phone/amd's types).
  flows: ['core', 'scenario', 'phone', 'twiml'],
  sim: ['core', ...DOMAIN],
  // The red-team search over voicemail greetings: pure, it evaluates through sim.
  redteam: ['core', ...DOMAIN, 'sim'],
  report: ['core', ...DOMAIN, 'sim', 'redteam'],
  // Adapters. None imports another except where named here.
  // api: the msw handlers of the Verify simulator; they run in a page and in Node.
  api: ['core', ...DOMAIN, 'sim'],
  // api/node: msw/node's setupServer and the HTTP server, around api's handlers.
  'api-node': ['core', ...DOMAIN, 'sim', 'api'],
  // node: the worker_threads pool.
  node: ['core', ...DOMAIN, 'sim'],
  // browser: the Web Worker pool.
  browser: ['core', ...DOMAIN, 'sim', 'redteam'],
  // cli runs simulations on the worker_threads pool (node); `sim serve` starts the HTTP
  // simulator (api/node).
  cli: ['core', ...DOMAIN, 'sim', 'redteam', 'report', 'node', 'api-node'],
  // ui runs simulations on the Web Worker pool (browser); the login demo runs the Verify
  // simulator in the page (api, never api/node); the scenario editor bundles the published JSON
  // Schema (scenarios/: data, not code).
  ui: ['core', ...DOMAIN, 'sim', 'redteam', 'report', 'browser', 'api', 'scenarios'],
};

/**
 * Tests and test helpers may import these too. api's own tests and helpers (api/testing) start
 * the simulator with msw/node's setupServer, in api/node: they run in Node only.
 */
const TESTS_MAY_ALSO_IMPORT = { api: ['api-node'] };

const elements = [
  // First match wins: api/node before api.
  { type: 'api-node', pattern: 'src/api/node', partialMatch: false },
  ...Object.keys(MAY_IMPORT)
    .filter((type) => type !== 'api-node')
    .map((type) => ({ type, pattern: `src/${type}`, partialMatch: false })),
  // The bundled scenarios and their JSON Schema: data.
  { type: 'scenarios', pattern: 'scenarios', partialMatch: false },
  // Harnesses outside src/ may import anything in it; nothing in src/ may import them.
  { type: 'tests', pattern: 'tests', partialMatch: false },
  { type: 'bench', pattern: 'bench', partialMatch: false },
  // Example apps (examples/verify-server, examples/voice-login): a user's code, built on npm
  // packages only, so they import nothing from src/; tests and benchmarks start them.
  { type: 'examples', pattern: 'examples', partialMatch: false },
];

const TEST_FILES = ['**/*.test.ts', '**/*.spec.ts', '**/testing/**'];

/** Code that runs in the page, Web Workers, worker_threads and vitest alike. */
const PURE = ['core', ...DOMAIN, 'sim', 'redteam', 'report', 'api'].map(
  (layer) => `src/${layer}/**/*.ts`,
);
/** Code that runs in the page or a Web Worker only. */
const BROWSER = ['src/ui/**/*.ts', 'src/ui/**/*.svelte', 'src/browser/**/*.ts'];

const why = (what, instead) => `${what}: ${instead} (README "Layers").`;

/** Node built-ins (bare and `node:`) and msw/node: for the Node adapters only. */
const noNodeImports = [
  'error',
  {
    paths: [...builtinModules, 'msw/node'].map((name) => ({
      name,
      message: why(`${name} is Node-only`, 'keep it in a Node adapter (cli, node, api/node)'),
    })),
    patterns: [
      {
        regex: '^node:',
        message: why('a Node built-in', 'keep it in a Node adapter (cli, node, api/node)'),
      },
    ],
  },
];

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
const TIMERS = ['setTimeout', 'setInterval', 'setImmediate', 'requestAnimationFrame'];

export default defineConfig(
  {
    ignores: ['dist/**', 'public/**', 'test-results/**', 'playwright-report/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js', 'src/node/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      // `const { $schema: _draft, ...rest }` drops a key on purpose; `_name` marks unused on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          ignoreRestSiblings: true,
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
        },
      ],
    },
  },
  // Svelte components (and runes modules, .svelte.ts): scripts parsed by typescript-eslint.
  svelte.configs.recommended,
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
  },
  {
    // Components get the syntax rules only: typescript-eslint types a component imported into a
    // .svelte file as `any` (no svelte2tsx), so its type-aware rules misfire there; svelte-check
    // type-checks components (npm run typecheck). It also halves the time lint takes.
    files: ['**/*.svelte'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: TEST_FILES,
    rules: {
      // Tests build malformed scenarios on purpose and read JSON.parse output field by field:
      // `any` is the point there, and the assertions check the shapes.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },

  // --- Layers -----------------------------------------------------------------------------------
  {
    files: ['src/**/*.ts', 'src/**/*.svelte', 'tests/**/*.ts', 'bench/**/*.ts', 'examples/**/*.ts'],
    plugins: { boundaries, 'import-x': importX },
    settings: {
      // import-x follows imports into .ts files (it parses only the extensions named here).
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
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
          // Check imports inside a folder too, for the test-helper rule.
          checkInternals: true,
          message:
            'Layers: {{from.element.type}} may not import {{to.element.type}} ' +
            '(README "Layers"; eslint.config.js, MAY_IMPORT).',
          policies: [
            ...Object.entries(MAY_IMPORT).map(([type, allowed]) => ({
              from: { element: { type } },
              allow: { to: { element: { type: [type, ...allowed] } } },
            })),
            ...Object.entries(TESTS_MAY_ALSO_IMPORT).map(([type, allowed]) => ({
              from: { element: { type }, file: { categories: 'test' } },
              allow: { to: { element: { type: allowed } } },
            })),
            {
              from: { element: { type: ['tests', 'bench'] } },
              allow: { to: { element: { type: '*' } } },
            },
            {
              from: { element: { type: 'examples' } },
              allow: { to: { element: { type: 'examples' } } },
            },
            // Last, so it wins over the allowances above.
            {
              from: { file: { categories: 'source' } },
              disallow: { to: { file: { categories: 'test' } } },
              message: 'Layers: only tests import test files and test helpers (testing/).',
            },
          ],
        },
      ],
      // Our own cycles only: following imports into node_modules doubles lint time.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },

  // --- Code for the page and Web Workers --------------------------------------------------------
  {
    files: BROWSER,
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': noNodeImports,
      'no-restricted-globals': [
        'error',
        { name: 'process', message: why('process is Node-only', 'this code runs in a page') },
      ],
    },
  },

  // --- The pure layers --------------------------------------------------------------------------
  {
    files: PURE,
    // Test helpers (testing/) are held to it too: they are as pure as the code they drive.
    ignores: ['**/*.test.ts', 'src/api/node/**'],
    rules: {
      'no-restricted-imports': noNodeImports,
      'no-restricted-globals': [
        'error',
        ...DOM_GLOBALS.map((name) => ({
          name,
          message: why(`${name} is the DOM`, 'pure code runs in worker_threads too'),
        })),
        ...TIMERS.map((name) => ({
          name,
          message: why(`${name} is a real timer`, 'time is simulated (event queue, SimClock)'),
        })),
        { name: 'process', message: why('process is Node-only', 'pass settings in as arguments') },
        { name: 'performance', message: why('performance is the real clock', 'time is simulated') },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: why('Math.random is global randomness', 'use the seeded Rng (core/rng.ts)'),
        },
        {
          object: 'Date',
          property: 'now',
          message: why('Date.now is the real clock', 'time is simulated (SimClock)'),
        },
        ...['getRandomValues', 'randomUUID'].map((property) => ({
          object: 'crypto',
          property,
          message: why(`crypto.${property} is global randomness`, 'use the seeded Rng'),
        })),
        ...[...DOM_GLOBALS, ...TIMERS, 'process', 'performance', 'crypto'].map((property) => ({
          object: 'globalThis',
          property,
          message: why(`globalThis.${property}`, 'the pure layers use no DOM, timers or process'),
        })),
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: why('new Date() is the real clock', 'time is simulated (SimClock)'),
        },
      ],
    },
  },
);
