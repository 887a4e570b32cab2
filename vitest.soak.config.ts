import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// `npm run test:soak`'s long tests: the fast suite's setup (DynamoDB Local, local SES), its own files only
// (mergeConfig would add these to the fast suite's include rather than replace it).
export default defineConfig({
  test: {
    ...base.test,
    include: ['test/soak/**/*.soak.ts'],
    testTimeout: 20 * 60_000,
    reporters: ['default'],
  },
});
