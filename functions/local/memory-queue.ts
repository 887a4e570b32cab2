// The local stand-in for SQS: messages wait in memory and are handed to the send handler in SQS-shaped
// batches of 10; a failed item is redelivered (as after a visibility timeout) up to maxReceives times,
// then moved to a dead-letter list — the same contract the Lambda has with its queue.
import { randomUUID } from 'node:crypto';
import { MAX_RECEIVES, type Queue, type QueueMessage } from '../core/ports.js';
import type { BatchResult, QueueRecord, SendOutcome } from '../core/weekly/send.js';

interface Entry {
  messageId: string;
  body: string;
  receives: number;
}

export interface DrainSummary {
  outcomes: Record<SendOutcome, number>;
  retried: number;
  deadLettered: number;
}

export class MemoryQueue implements Queue {
  private waiting: Entry[] = [];
  readonly deadLetters: Entry[] = [];

  constructor(
    private readonly options: {
      batchSize?: number;
      maxReceives?: number;
      /** SQS delivers at least once: when this says so, a whole handled batch comes again (tests). */
      redeliver?: () => boolean;
    } = {},
  ) {}

  async send(messages: QueueMessage[]): Promise<void> {
    for (const message of messages) this.waiting.push({ messageId: randomUUID(), body: JSON.stringify(message), receives: 0 });
  }

  get length(): number {
    return this.waiting.length;
  }

  /** Delivers until the queue is empty; failures go back to the end of the queue. */
  async drain(handle: (records: QueueRecord[]) => Promise<BatchResult>): Promise<DrainSummary> {
    const batchSize = this.options.batchSize ?? 10;
    const maxReceives = this.options.maxReceives ?? MAX_RECEIVES;
    const summary: DrainSummary = {
      outcomes: { sent: 0, duplicate: 0, 'in-flight': 0, resumed: 0, skipped: 0, invalid: 0, deferred: 0 },
      retried: 0,
      deadLettered: 0,
    };
    while (this.waiting.length) {
      const batch = this.waiting.splice(0, batchSize);
      for (const entry of batch) entry.receives++;
      const result = await handle(batch.map(({ messageId, body }) => ({ messageId, body })));
      for (const outcome of result.outcomes) summary.outcomes[outcome]++;
      const failed = new Set(result.failed);
      if (this.options.redeliver?.()) for (const entry of batch.filter((e) => !failed.has(e.messageId))) this.waiting.push(entry);
      for (const entry of batch.filter((e) => failed.has(e.messageId))) {
        if (entry.receives >= maxReceives) {
          this.deadLetters.push(entry);
          summary.deadLettered++;
        } else {
          this.waiting.push(entry);
          summary.retried++;
        }
      }
    }
    return summary;
  }
}
