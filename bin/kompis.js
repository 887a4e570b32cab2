#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx kompis …` needs no build step.
import { register } from 'tsx/esm/api';

// The lockfile pins an SDK that supports Node 20; its notice about future releases is noise in a terminal.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
const { main } = await import('../functions/local/cli.ts');
try {
  const code = await main(process.argv.slice(2));
  if (code >= 0) process.exit(code);
} catch (error) {
  console.error(`kompis: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
