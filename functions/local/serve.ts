// Serves the Hono app on @hono/node-server, on 127.0.0.1 only.
import { serve } from '@hono/node-server';
import type { Deps } from '../core/ports.js';
import { createApp } from '../http/app.js';

export interface RunningApp {
  url: string;
  close(): Promise<void>;
}

export function serveApp(deps: Deps, port: number): Promise<RunningApp> {
  const app = createApp(deps);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, (info) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
    server.once('error', reject);
  });
}
