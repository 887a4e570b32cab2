// Ports for the local stack: a clear message when one is taken, and free ports for tests.
import { createServer } from 'node:net';

export class PortInUse extends Error {
  constructor(port: number, what: string, envVar: string) {
    super(`Port ${port} (${what}) is already in use on 127.0.0.1. Stop whatever uses it — perhaps another \`npm run dev\` — or choose another port with ${envVar}=<port>.`);
  }
}

function tryListen(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : undefined;
      server.close(() => resolve(bound));
    });
  });
}

export async function assertPortFree(port: number, what: string, envVar: string): Promise<void> {
  if ((await tryListen(port)) === undefined) throw new PortInUse(port, what, envVar);
}

export async function freePort(): Promise<number> {
  const port = await tryListen(0);
  if (port === undefined) throw new Error('no free port');
  return port;
}
