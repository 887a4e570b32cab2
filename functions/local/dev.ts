// `npm run dev` / `npx kompis dev`: the whole product on 127.0.0.1 — DynamoDB Local, local SES with
// its outbox page, the Hono app, an inbound SMTP server and a clock that runs the tick — with data
// kept under .data/.
// Ctrl-C stops everything.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildTemplates } from '../../templates/build.js';
import { assertPortFree } from './ports.js';
import { localSecret } from './secret.js';
import { startLocalStack } from './stack.js';

function portFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name} must be a port number (1-65535), not "${raw}"`);
  return port;
}

export async function dev(): Promise<void> {
  const started = performance.now();
  const dataDir = resolve(process.env.KOMPIS_DATA_DIR ?? '.data');
  const appPort = portFrom('PORT', 3000);
  const dynamoPort = portFrom('KOMPIS_DYNAMODB_PORT', 8000);
  const sesPort = portFrom('KOMPIS_SES_PORT', 8005);
  const smtpPort = portFrom('KOMPIS_SMTP_PORT', 2525);
  await assertPortFree(appPort, 'the Kompis app', 'PORT');
  await assertPortFree(dynamoPort, 'DynamoDB Local', 'KOMPIS_DYNAMODB_PORT');
  await assertPortFree(sesPort, 'local SES', 'KOMPIS_SES_PORT');
  await assertPortFree(smtpPort, 'the inbound SMTP server', 'KOMPIS_SMTP_PORT');

  await buildTemplates();
  await mkdir(join(dataDir, 'dynamodb'), { recursive: true });
  const tableName = process.env.KOMPIS_TABLE ?? 'kompis';
  const stack = await startLocalStack({ dynamoPort, sesPort, tableName, dynamoDbPath: join(dataDir, 'dynamodb') });

  const env = {
    ...process.env,
    KOMPIS_SECRET: process.env.KOMPIS_SECRET ?? (await localSecret(dataDir)),
    KOMPIS_BASE_URL: process.env.KOMPIS_BASE_URL ?? `http://127.0.0.1:${appPort}`,
    KOMPIS_TABLE: tableName,
    KOMPIS_DYNAMODB_ENDPOINT: stack.dynamodbEndpoint,
    KOMPIS_SES_ENDPOINT: stack.sesEndpoint,
  };
  // Imported only now: the app reads the templates compiled above.
  const { loadConfig } = await import('../config.js');
  const { createLocalDeps } = await import('./deps.js');
  const { serveApp } = await import('./serve.js');
  const { startClock } = await import('./clock.js');
  const { startSmtpInbound } = await import('./smtp-inbound.js');
  const config = loadConfig(env);
  const deps = createLocalDeps(config);
  const server = await serveApp(deps, appPort);
  const clock = startClock(deps, config.maxSendRate);
  const smtp = await startSmtpInbound(deps, { port: smtpPort, folder: join(dataDir, 'inbound') });
  // Other local commands (kompis tick, …) find the running stack here.
  await writeFile(
    join(dataDir, 'local-stack.json'),
    JSON.stringify({ appUrl: config.baseUrl, dynamodbEndpoint: stack.dynamodbEndpoint, sesEndpoint: stack.sesEndpoint, tableName }, null, 2),
  );

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`
Kompis is running (started in ${seconds} s):
  app             ${config.baseUrl}
  outbox          ${stack.sesEndpoint}   (every email Kompis sends)
  DynamoDB Local  ${stack.dynamodbEndpoint}   (table "${tableName}", data in ${join(dataDir, 'dynamodb')})
  inbound SMTP    127.0.0.1:${smtp.port}   (mail to goal@${config.inboundDomain} or a check-in's Reply-To; held in ${join(dataDir, 'inbound')} while it is handled, then deleted)
  weekly tick     every minute on this machine's clock; time travel: npx kompis tick --at <ISO time>
Press Ctrl-C to stop.
`);

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping Kompis…');
    clock.stop();
    await Promise.allSettled([server.close(), smtp.stop(), stack.stop()]);
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
