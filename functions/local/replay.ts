// `kompis replay-inbound` / `replay-feedback`: hands the events Lambda gave up on back to their function.
// Each message in a failed-events queue is Lambda's invocation record (infra/constructs/queues.ts): the event is
// its `requestPayload`, the function its `requestContext.functionArn`. Each event is invoked synchronously, so
// the command knows the outcome: a handled one leaves the queue, a failing one stays for the next attempt.
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteMessageCommand, ReceiveMessageCommand, type SQSClient, type Message } from '@aws-sdk/client-sqs';
import { createLambdaClient, createSqsClient } from '../adapters/clients.js';
import * as z from 'zod/mini';

export type ReplayTarget = 'inbound' | 'feedback';

const invocationRecord = z.object({
  timestamp: z.optional(z.string()),
  requestContext: z.object({ functionArn: z.string(), condition: z.optional(z.string()) }),
  requestPayload: z.unknown(),
});

export interface ReplayResult {
  replayed: number;
  failed: number;
  /** Messages that are not an invocation record of the expected function: left in the queue, untouched. */
  skipped: number;
}

export interface ReplayOptions {
  queueUrl: string;
  target: ReplayTarget;
  /** List what would be replayed, invoke nothing, delete nothing. */
  dryRun?: boolean;
  log: (line: string) => void;
  sqs?: SQSClient;
  lambda?: LambdaClient;
}

/** How long a received message stays hidden: past the function's timeout, so one run sees each message once. */
const VISIBILITY_SECONDS = 120;

export async function replayFailedEvents(options: ReplayOptions): Promise<ReplayResult> {
  const region = regionFor(options.queueUrl);
  const sqs = options.sqs ?? createSqsClient({ region });
  // An inbound run may take 30 s (a 40 MB message); the Lambda client waits up to 90 s for it.
  const lambda = options.lambda ?? createLambdaClient({ region });
  const result: ReplayResult = { replayed: 0, failed: 0, skipped: 0 };
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: options.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: VISIBILITY_SECONDS }),
    );
    if (Messages.length === 0) break;
    for (const message of Messages) {
      const outcome = await replayOne(message, { ...options, sqs, lambda });
      result[outcome]++;
    }
  }
  options.log(`${options.dryRun ? 'would replay' : 'replayed'} ${result.replayed}, failed ${result.failed}, skipped ${result.skipped}`);
  return result;
}

async function replayOne(message: Message, options: ReplayOptions & { sqs: SQSClient; lambda: LambdaClient }): Promise<keyof ReplayResult> {
  const record = readRecord(message.Body);
  const functionName = record?.requestContext.functionArn.split(':')[6] ?? '';
  if (!record || !functionName.toLowerCase().includes(options.target)) {
    const other = options.target === 'inbound' ? 'feedback' : 'inbound';
    options.log(`skipped ${message.MessageId}: not a failed ${options.target} event${functionName ? ` (it is ${functionName}'s: try replay-${other})` : ''}`);
    return 'skipped';
  }
  const about = `${message.MessageId} (${record.requestContext.condition ?? 'failed'} at ${record.timestamp ?? 'unknown time'})`;
  if (options.dryRun) {
    options.log(`would replay ${about} to ${functionName}`);
    return 'replayed';
  }
  const response = await options.lambda.send(
    new InvokeCommand({ FunctionName: record.requestContext.functionArn, InvocationType: 'RequestResponse', Payload: JSON.stringify(record.requestPayload) }),
  );
  if (response.FunctionError) {
    const error = response.Payload ? Buffer.from(response.Payload).toString('utf8').slice(0, 300) : response.FunctionError;
    options.log(`failed ${about}: ${error} — left in the queue`);
    return 'failed';
  }
  await options.sqs.send(new DeleteMessageCommand({ QueueUrl: options.queueUrl, ReceiptHandle: message.ReceiptHandle }));
  options.log(`replayed ${about}`);
  return 'replayed';
}

function readRecord(body: string | undefined): z.infer<typeof invocationRecord> | undefined {
  try {
    const parsed = invocationRecord.safeParse(JSON.parse(body ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** AWS_REGION if set, else the region in an AWS queue URL (https://sqs.<region>.amazonaws.com/…). */
function regionFor(queueUrl: string): string | undefined {
  return process.env.AWS_REGION ?? /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com\//.exec(queueUrl)?.[1];
}

/** The CLI's side: `kompis replay-inbound --queue <url> [--dry-run]`. */
export async function replayCommand(target: ReplayTarget, queueUrl: string | undefined, dryRun: boolean): Promise<number> {
  if (!queueUrl) {
    const output = target === 'inbound' ? 'InboundFailedEventsQueueUrl' : 'FeedbackFailedEventsQueueUrl';
    process.stderr.write(`kompis replay-${target}: give the queue, e.g. --queue "$(aws cloudformation describe-stacks --stack-name Kompis --query "Stacks[0].Outputs[?OutputKey=='${output}'].OutputValue" --output text)"\n`);
    return 2;
  }
  const result = await replayFailedEvents({ queueUrl, target, dryRun, log: (line) => process.stdout.write(`${line}\n`) });
  return result.failed > 0 ? 1 : 0;
}
