import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // The machine has two cores; one worker per core keeps runs predictable.
    maxWorkers: 2,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/index.ts'],
      thresholds: { branches: 90, lines: 90, functions: 90, statements: 90 },
      reporter: ['text-summary', 'json-summary'],
    },
  },
});
