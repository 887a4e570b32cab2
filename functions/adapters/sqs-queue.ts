// The Queue on SQS: batches of 10 (SQS's limit); a partly failed batch is an error, so the tick's
// invocation fails and is retried — duplicates are harmless, the sender's claims absorb them.
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Queue, QueueMessage } from '../core/ports.js';

export class SqsQueue implements Queue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(messages: QueueMessage[]): Promise<void> {
    for (let i = 0; i < messages.length; i += 10) {
      const chunk = messages.slice(i, i + 10);
      const result = await this.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: chunk.map((message, index) => ({ Id: String(index), MessageBody: JSON.stringify(message) })),
        }),
      );
      if (result.Failed?.length) throw new Error(`SQS refused ${result.Failed.length} of ${chunk.length} messages`);
    }
  }
}
