import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// `npm run test:soak`'s long tests: the fast suite's setup (DynamoDB Local, local SES), other files.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ['test/soak/**/*.soak.ts'],
      testTimeout: 20 * 60_000,
      reporters: ['default'],
    },
  }),
);
