import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  // Relative base: the built site works from any folder.
  base: './',
  plugins: [svelte()],
  test: {
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    // Statistical tests run thousands of simulated calls; a loaded CI machine needs the headroom.
    testTimeout: 120_000,
  },
});
