// The local SES (aws-ses-v2-local): accepts SendRawEmail and shows an outbox page. Bound to 127.0.0.1.
import type { Server } from 'node:http';
import sesModule from 'aws-ses-v2-local';

// A CommonJS module: Node's ESM loader hands over its exports object, bundlers (vitest) the function.
type StartServer = typeof sesModule.default;
const sesServer: StartServer = typeof sesModule === 'function' ? (sesModule as StartServer) : sesModule.default;

export interface SesLocal {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startSesLocal(port: number): Promise<SesLocal> {
  const server: Server = await sesServer({ host: '127.0.0.1', port });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    endpoint: `http://127.0.0.1:${actualPort}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
