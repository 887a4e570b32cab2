// The local SES publishes no events. In AWS, SES's Send event (configuration set → SNS → the feedback
// function) marks a claim sent when the sender could not tell whether SES took the email. This plays
// that part locally: it sits next to the wire, so it sees what the server accepted even when a layer
// above it then fails, and like SNS it retries a delivery that fails.
import type { SendRawEmailCommandInput, SendRawEmailCommandOutput, SESClient } from '@aws-sdk/client-ses';
import type { DeserializeMiddleware } from '@smithy/types';
import { parseSesFeedback } from '../adapters/aws-events.js';
import { applyFeedback } from '../core/emails/feedback.js';
import type { Store } from '../core/ports.js';

// Like SNS, it keeps trying for about a minute; the wait doubles from 50 ms up to 2 s, so an event waits at
// most 2 s once the table answers again (DynamoDB Local restarted, say).
const RETRIES = 32;
const MAX_WAIT_MS = 2_000;

type RelativeMiddleware = DeserializeMiddleware<SendRawEmailCommandInput, SendRawEmailCommandOutput>;

export interface LocalSendEvents {
  /** Resolves when every event published so far has been applied (or given up on). */
  settled(): Promise<void>;
}

export function publishLocalSendEvents(ses: SESClient, store: Pick<Store, 'suppress' | 'confirmSend'>): LocalSendEvents {
  const pending = new Set<Promise<void>>();
  const deliver = async (event: unknown) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await applyFeedback(store, parseSesFeedback(event), new Date());
        return;
      } catch (error) {
        if (attempt >= RETRIES) return console.error(JSON.stringify({ level: 'error', msg: 'local Send event lost', error: String(error) }));
        await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, MAX_WAIT_MS)));
      }
    }
  };
  const middleware: RelativeMiddleware = (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'SendRawEmailCommand') {
        const { input } = args;
        const { output } = result;
        const tags = Object.fromEntries((input.Tags ?? []).map((tag) => [tag.Name, [tag.Value]]));
        const delivery = deliver({ eventType: 'Send', mail: { messageId: output?.MessageId, tags } });
        pending.add(delivery);
        void delivery.finally(() => pending.delete(delivery));
      }
      return result;
    };
  ses.middlewareStack.addRelativeTo(middleware as never, { relation: 'before', toMiddleware: 'deserializerMiddleware', name: 'kompisLocalSendEvents' });
  return {
    async settled() {
      while (pending.size) await Promise.all(pending);
    },
  };
}
