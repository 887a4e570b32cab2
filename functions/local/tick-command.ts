// `kompis tick --at <time>`: time travel for people and tests — one tick and its sends, as if it were
// that time, against the stack `kompis dev` is running (found through .data/local-stack.json).
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as z from 'zod';

const stackFileSchema = z.object({
  appUrl: z.string(),
  dynamodbEndpoint: z.string(),
  sesEndpoint: z.string(),
  tableName: z.string(),
});

export async function tickCommand(at: string | undefined): Promise<number> {
  const when = at === undefined ? new Date() : new Date(at);
  if (Number.isNaN(when.getTime())) {
    process.stderr.write(`kompis tick: "${at}" is not a time. Use ISO 8601, e.g. --at 2026-12-04T15:00:00+01:00\n`);
    return 2;
  }
  const dataDir = resolve(process.env.KOMPIS_DATA_DIR ?? '.data');
  let stack: z.infer<typeof stackFileSchema>;
  try {
    stack = stackFileSchema.parse(JSON.parse(await readFile(join(dataDir, 'local-stack.json'), 'utf8')));
    await fetch(`${stack.sesEndpoint}/health-check`);
  } catch {
    process.stderr.write('kompis tick: the local stack is not running. Start it with `npm run dev` in another terminal.\n');
    return 1;
  }
  const { localSecret } = await import('./secret.js');
  const { loadConfig } = await import('../config.js');
  const { createLocalDeps } = await import('./deps.js');
  const { runWeekly } = await import('./weekly-run.js');
  const config = loadConfig({
    ...process.env,
    KOMPIS_SECRET: process.env.KOMPIS_SECRET ?? (await localSecret(dataDir)),
    KOMPIS_BASE_URL: process.env.KOMPIS_BASE_URL ?? stack.appUrl,
    KOMPIS_TABLE: stack.tableName,
    KOMPIS_DYNAMODB_ENDPOINT: stack.dynamodbEndpoint,
    KOMPIS_SES_ENDPOINT: stack.sesEndpoint,
  });
  const summary = await runWeekly(createLocalDeps(config), when, config.maxSendRate);
  const o = summary.outcomes;
  console.log(
    `tick at ${summary.at}: ${summary.enqueued} due; sent ${o.sent}, resumed ${o.resumed}, ` +
      `already sent ${o.duplicate + o['in-flight']}, skipped ${o.skipped}` +
      (summary.retried ? `, retried ${summary.retried}` : '') +
      (summary.deadLettered ? `, FAILED ${summary.deadLettered}` : ''),
  );
  return summary.deadLettered ? 1 : 0;
}
