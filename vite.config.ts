import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/** A library's modules, wherever npm placed them. */
const libraries = (...names: string[]): RegExp =>
  new RegExp(`node_modules[\\\\/](${names.join('|')})[\\\\/]`);

export default defineConfig({
  // Relative base: the built site works from any folder.
  base: './',
  plugins: [svelte()],
  build: {
    rolldownOptions: {
      // The build's own timing report is advice for plugin authors, not a problem in this app.
      checks: { pluginTimings: false },
      output: {
        // Big libraries in chunks of their own, each under the 500 kB warning: the app's code
        // changes more often than they do, and the editor's libraries load only with the editor.
        codeSplitting: {
          groups: [
            { name: 'svelte', test: libraries('svelte', 'esm-env', 'clsx') },
            {
              name: 'plot',
              test: libraries(
                '@observablehq',
                'd3-[a-z-]+',
                'internmap',
                'interval-tree-1d',
                'isoformat',
                'delaunator',
                'robust-predicates',
                'binary-search-bounds',
              ),
            },
            {
              name: 'codemirror',
              test: libraries(
                '@codemirror',
                '@lezer',
                'codemirror',
                'style-mod',
                'w3c-keyname',
                'crelt',
              ),
            },
            { name: 'yaml', test: libraries('yaml', 'json-schema-library') },
            {
              name: 'markdown',
              test: libraries(
                'markdown-it',
                'entities',
                'linkify-it',
                'mdurl',
                'uc\\.micro',
                'punycode\\.js',
              ),
            },
            {
              name: 'shiki',
              test: libraries('@shikijs', 'shiki', 'oniguruma-to-es', 'regex[a-z-]*'),
            },
          ],
        },
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    // Statistical tests run thousands of simulated calls; a loaded CI machine needs the headroom.
    testTimeout: 120_000,
  },
});
