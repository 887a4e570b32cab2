// The server under load, in a process of its own: either the real app (createApp on @hono/node-server, the
// way `npm run dev` serves it) or a bare Hono hello-world served the same way. Started by harness.ts with
// an IPC channel; it answers `memory` (after a forced GC when run with --expose-gc) and `stop`, and
// nothing of this reaches the app: the app has no extra endpoint.
//   mode (process.argv[2]):
//     app         the app, createApp(createDeps(loadConfig(env)));
//     bare        `new Hono().get('/', (c) => c.text('hello'))`;
//     bare-read   bare Hono whose one route, GET /goal/:owner/:id, does the landing page's one store read
//                 (the app's own DynamoStore.getGoal, same client) and answers the goal's text; and
//                 GET /goal-weeks/:owner/:id the goal page's two (getGoal and getWeekAnswers, at once);
//     app-cached  the app with the store's two page reads (getGoal, getWeekAnswers) answered from memory
//                 after the first: not a fix, a measure of what the DynamoDB reads cost the pages.
//   port: PORT; the app's config: the usual KOMPIS_* variables.
import { getHeapSpaceStatistics } from 'node:v8';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

export type ServerMode = 'app' | 'bare' | 'bare-read' | 'app-cached';

export interface MemorySample {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** The largest RSS seen by a 250 ms sampler since the process started. */
  peakRss: number;
  /** Bytes used per V8 heap space (old_space, code_space, new_space, …): where a growth sits. */
  spaces: Record<string, number>;
  gc: boolean;
}

export type ToServer = { type: 'memory'; gc: boolean; id: number } | { type: 'stop' };
export type FromServer =
  | { type: 'ready'; url: string; pid: number }
  | { type: 'memory'; id: number; memory: MemorySample }
  | { type: 'failed'; error: string };

const send = (message: FromServer) => process.send?.(message);

async function appFetch(cacheReads: boolean): Promise<(request: Request) => Response | Promise<Response>> {
  const { loadConfig } = await import('../../functions/config.js');
  const { createLocalDeps } = await import('../../functions/local/deps.js');
  const { createApp } = await import('../../functions/http/app.js');
  const deps = createLocalDeps(loadConfig(process.env));
  if (cacheReads) {
    const store = deps.store;
    const memo = new Map<string, Promise<unknown>>();
    const once = <T>(key: string, read: () => Promise<T>): Promise<T> => {
      if (!memo.has(key)) memo.set(key, read());
      return memo.get(key) as Promise<T>;
    };
    deps.store = Object.assign(Object.create(store) as typeof store, {
      getGoal: (owner: string, goalId: string) => once(`goal ${owner} ${goalId}`, () => store.getGoal(owner, goalId)),
      getWeekAnswers: (goalId: string) => once(`weeks ${goalId}`, () => store.getWeekAnswers(goalId)),
    });
  }
  return createApp(deps).fetch;
}

function bareFetch() {
  return new Hono().get('/', (c) => c.text('hello')).fetch;
}

async function bareReadFetch() {
  const { loadConfig } = await import('../../functions/config.js');
  const { createStore } = await import('../../functions/store.js');
  const store = createStore(loadConfig(process.env));
  return new Hono()
    .get('/goal/:owner/:id', async (c) => {
      const goal = await store.getGoal(c.req.param('owner'), c.req.param('id'));
      return goal ? c.text(goal.text) : c.notFound();
    })
    .get('/goal-weeks/:owner/:id', async (c) => {
      const [goal, answers] = await Promise.all([store.getGoal(c.req.param('owner'), c.req.param('id')), store.getWeekAnswers(c.req.param('id'))]);
      return goal ? c.text(`${goal.text} ${answers.length}`) : c.notFound();
    }).fetch;
}

async function main() {
  const mode = process.argv[2] as ServerMode;
  const fetch =
    mode === 'bare' ? bareFetch()
    : mode === 'bare-read' ? await bareReadFetch()
    : mode === 'app' || mode === 'app-cached' ? await appFetch(mode === 'app-cached')
    : undefined;
  if (!fetch) throw new Error(`mode must be app, app-cached, bare or bare-read, not ${mode}`);

  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 250);
  sampler.unref();

  const server = serve({ fetch, hostname: '127.0.0.1', port: Number(process.env.PORT ?? 0) }, (info) => {
    send({ type: 'ready', url: `http://127.0.0.1:${info.port}`, pid: process.pid });
  });
  server.once('error', (error) => {
    send({ type: 'failed', error: String(error) });
    process.exit(1);
  });

  const stop = () => {
    clearInterval(sampler);
    // process.exit, not a signal: --cpu-prof writes its profile on a normal exit.
    server.close(() => process.exit(0));
    (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    setTimeout(() => process.exit(0), 2_000).unref();
  };

  process.on('message', (message: ToServer) => {
    if (message.type === 'stop') return stop();
    if (message.type === 'memory') {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (message.gc && gc) {
        // Twice: the first full GC may leave objects with finalizers or weak references for the second.
        gc();
        gc();
      }
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      send({
        type: 'memory',
        id: message.id,
        memory: {
          rss: m.rss,
          heapUsed: m.heapUsed,
          heapTotal: m.heapTotal,
          external: m.external,
          arrayBuffers: m.arrayBuffers,
          peakRss,
          spaces: Object.fromEntries(getHeapSpaceStatistics().map((space) => [space.space_name, space.space_used_size])),
          gc: Boolean(message.gc && gc),
        },
      });
    }
  });
  // The parent went away without saying stop: never outlive it.
  process.on('disconnect', stop);
}

main().catch((error: unknown) => {
  send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
