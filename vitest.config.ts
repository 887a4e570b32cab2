import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // DynamoDB Local and local SES, started once for every integration and browser test.
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // 2 cores: DynamoDB Local (Java), Chromium and the workers share them.
    maxWorkers: 2,
    reporters: ['default', ['json', { outputFile: '.data/test-report.json' }]],
  },
});
