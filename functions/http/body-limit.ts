// Form bodies are small. A bigger one is read to its end — up to a bound, and thrown away — before the
// 413 page goes out with "Connection: close": answering while the client is still sending, or leaving the
// unread rest on a connection that says keep-alive, makes clients see a reset instead of the page.
import type { Context, MiddlewareHandler } from 'hono';

/** Bodies up to this size are read and dropped before answering 413; past it the connection is cut. */
export const DRAIN_LIMIT_BYTES = 1024 * 1024;

export function limitBody(maxBytes: number, tooLarge: (c: Context) => Response | Promise<Response>): MiddlewareHandler {
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const declared = c.req.header('transfer-encoding') ? Number.NaN : Number(c.req.header('content-length'));
    if (declared <= maxBytes) return next();
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size <= maxBytes) chunks.push(value);
      else if (size > DRAIN_LIMIT_BYTES) {
        await reader.cancel();
        break;
      }
    }
    if (size > maxBytes) {
      c.header('Connection', 'close');
      return tooLarge(c);
    }
    c.req.raw = new Request(c.req.raw, { body: Buffer.concat(chunks) });
    return next();
  };
}
