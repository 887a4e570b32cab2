// The local stand-in for SES receiving: an SMTP server on 127.0.0.1:2525 that keeps each message in
// .data/inbound/ (where "S3" lives locally) and calls the inbound handler with an SES-shaped event.
// Any mail client, or `swaks --server 127.0.0.1:2525`, can send to it.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { isInboundAddress, type InboundResult } from '../core/inbound/inbound.js';
import { redactAddresses } from '../core/emails/message-key.js';
import { LOCAL_VERDICTS } from '../core/inbound/trust.js';
import type { Deps } from '../core/ports.js';
import { handleSesEvent } from '../inbound/handle-event.js';
import type { RawMailStore } from '../core/ports.js';

/** Accepts a little more than the handler keeps, so an oversized message reaches its log line. */
const SMTP_MAX_BYTES = 12 * 1024 * 1024;

export class FolderRawMail implements RawMailStore {
  constructor(private readonly folder: string) {}
  async put(messageId: string, raw: Buffer): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    await writeFile(join(this.folder, `${messageId}.eml`), raw);
  }
  get(messageId: string): Promise<Buffer> {
    return readFile(join(this.folder, `${messageId}.eml`));
  }
  delete(messageId: string): Promise<void> {
    return rm(join(this.folder, `${messageId}.eml`), { force: true });
  }
}

export interface LocalSmtp {
  port: number;
  stop(): Promise<void>;
}

export function startSmtpInbound(
  deps: Deps,
  options: { port: number; folder: string; onResult?: (results: InboundResult[]) => void },
): Promise<LocalSmtp> {
  const store = new FolderRawMail(options.folder);
  const log = (entry: Record<string, unknown>) => console.log(JSON.stringify(entry));
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: SMTP_MAX_BYTES,
    banner: 'Kompis local inbound',
    logger: false,
    onRcptTo(address, _session, callback) {
      if (isInboundAddress(address.address, deps.config.inboundDomain)) return callback();
      const error = new Error(`No such mailbox here: ${address.address}`) as Error & { responseCode: number };
      error.responseCode = 550;
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          const error = new Error('Message too large') as Error & { responseCode: number };
          error.responseCode = 552;
          return callback(error);
        }
        const raw = Buffer.concat(chunks);
        // Named by its bytes, as SES names a message once: a sender's retry after a 451 is the same message.
        const messageId = createHash('sha256').update(raw).digest('hex').slice(0, 32);
        try {
          await store.put(messageId, raw);
          const event = {
            Records: [
              {
                eventSource: 'aws:ses',
                ses: {
                  mail: { messageId, source: session.envelope.mailFrom ? session.envelope.mailFrom.address : '' },
                  receipt: {
                    recipients: session.envelope.rcptTo.map((r) => r.address),
                    spfVerdict: { status: LOCAL_VERDICTS.spf },
                    dkimVerdict: { status: LOCAL_VERDICTS.dkim },
                    dmarcVerdict: { status: LOCAL_VERDICTS.dmarc },
                    spamVerdict: { status: LOCAL_VERDICTS.spam },
                    virusVerdict: { status: LOCAL_VERDICTS.virus },
                  },
                },
              },
            ],
          };
          const results = await handleSesEvent(deps, store, event, log);
          options.onResult?.(results);
          callback();
        } catch (error) {
          log({ level: 'error', msg: 'inbound failed', messageId, error: redactAddresses(String(error)) });
          const failure = new Error('Temporary failure, try again later') as Error & { responseCode: number };
          failure.responseCode = 451;
          callback(failure);
        }
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      const address = server.server.address();
      resolve({
        port: typeof address === 'object' && address ? address.port : options.port,
        stop: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
