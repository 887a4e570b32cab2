// Small local stand-ins for the AWS services the bundles reach besides DynamoDB and SES (which run for real:
// DynamoDB Local and aws-ses-v2-local): Secrets Manager, SQS, S3 and Lambda's Invoke. One HTTP server on
// 127.0.0.1 answers them all, each in its own protocol, as the SDK's standard AWS_ENDPOINT_URL_<SERVICE>
// variables send it there: Secrets Manager and SQS speak JSON over POST / (X-Amz-Target), S3 path-style REST
// (an IP endpoint makes the SDK use paths), Lambda REST JSON. Only the calls Kompis makes are answered.
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StoredMessage {
  MessageId: string;
  Body: string;
  receiveCount: number;
  /** Epoch ms until which a received message is hidden. */
  hiddenUntil: number;
  receiptHandle?: string;
}

export interface Invocation {
  result?: unknown;
  error?: { name: string; message: string };
}

export interface StandIns {
  url: string;
  /** Secret values by ARN. */
  secrets: Map<string, string>;
  /** Queues by URL (create one with queueUrl). */
  queues: Map<string, StoredMessage[]>;
  queueUrl(name: string): string;
  /** Objects by `bucket/key`. */
  objects: Map<string, Buffer>;
  /** Functions Lambda's Invoke reaches, by function name. */
  functions: Map<string, (event: unknown) => Promise<Invocation>>;
  close(): Promise<void>;
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

export async function startStandIns(): Promise<StandIns> {
  const secrets = new Map<string, string>();
  const queues = new Map<string, StoredMessage[]>();
  const objects = new Map<string, Buffer>();
  const functions = new Map<string, (event: unknown) => Promise<Invocation>>();

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', ...headers });
    res.end(JSON.stringify(body));
  };
  const awsError = (res: ServerResponse, status: number, type: string, message: string) => json(res, status, { __type: type, message });

  function secretsManager(target: string, input: { SecretId?: string }, res: ServerResponse) {
    const value = input.SecretId ? secrets.get(input.SecretId) : undefined;
    if (target !== 'GetSecretValue' || value === undefined) return awsError(res, 400, 'ResourceNotFoundException', `no secret ${input.SecretId}`);
    json(res, 200, { ARN: input.SecretId, Name: input.SecretId!.split(':').at(-1), SecretString: value, VersionId: randomUUID(), VersionStages: ['AWSCURRENT'], CreatedDate: 1796050000 });
  }

  function sqs(target: string, input: Record<string, unknown>, res: ServerResponse) {
    const queue = queues.get(String(input.QueueUrl));
    if (!queue) return awsError(res, 400, 'com.amazonaws.sqs#QueueDoesNotExist', `no queue ${input.QueueUrl}`);
    const now = Date.now();
    switch (target) {
      case 'SendMessageBatch': {
        const entries = input.Entries as { Id: string; MessageBody: string }[];
        const successful = entries.map((entry) => {
          const message: StoredMessage = { MessageId: randomUUID(), Body: entry.MessageBody, receiveCount: 0, hiddenUntil: 0 };
          queue.push(message);
          return { Id: entry.Id, MessageId: message.MessageId, MD5OfMessageBody: md5(entry.MessageBody) };
        });
        return json(res, 200, { Successful: successful, Failed: [] });
      }
      case 'ReceiveMessage': {
        const visible = queue.filter((m) => m.hiddenUntil <= now).slice(0, Number(input.MaxNumberOfMessages ?? 1));
        for (const message of visible) {
          message.receiveCount++;
          message.hiddenUntil = now + Number(input.VisibilityTimeout ?? 30) * 1000;
          message.receiptHandle = randomUUID();
        }
        return json(res, 200, {
          Messages: visible.map((m) => ({ MessageId: m.MessageId, ReceiptHandle: m.receiptHandle, MD5OfBody: md5(m.Body), Body: m.Body })),
        });
      }
      case 'DeleteMessage': {
        const index = queue.findIndex((m) => m.receiptHandle === input.ReceiptHandle);
        if (index >= 0) queue.splice(index, 1);
        return json(res, 200, {});
      }
      default:
        return awsError(res, 400, 'com.amazonaws.sqs#UnsupportedOperation', `the stand-in does not do ${target}`);
    }
  }

  function s3(req: IncomingMessage, res: ServerResponse) {
    const key = decodeURIComponent(new URL(req.url!, 'http://x').pathname.slice(1));
    const object = objects.get(key);
    if (req.method === 'DELETE') {
      objects.delete(key);
      res.writeHead(204).end();
    } else if (req.method === 'GET' && object) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(object.length), etag: `"${md5(object.toString('latin1'))}"` });
      res.end(object);
    } else {
      res.writeHead(404, { 'content-type': 'application/xml' });
      res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${key}</Key></Error>`);
    }
  }

  async function lambda(req: IncomingMessage, body: string, res: ServerResponse) {
    const name = decodeURIComponent(/^\/2015-03-31\/functions\/([^/]+)\/invocations/.exec(req.url!)?.[1] ?? '');
    // A name, or an ARN with or without a qualifier: the function name is the seventh part.
    const fn = functions.get(name.startsWith('arn:') ? name.split(':')[6]! : name);
    if (!fn) return awsError(res, 404, 'ResourceNotFoundException', `Function not found: ${name}`);
    const outcome = await fn(JSON.parse(body || 'null'));
    if (outcome.error) {
      return json(res, 200, { errorType: outcome.error.name, errorMessage: outcome.error.message }, { 'x-amz-function-error': 'Unhandled', 'x-amz-executed-version': '$LATEST' });
    }
    json(res, 200, outcome.result ?? null, { 'x-amz-executed-version': '$LATEST' });
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const target = String(req.headers['x-amz-target'] ?? '');
      const reply = async () => {
        if (target.startsWith('secretsmanager.')) return secretsManager(target.split('.')[1]!, JSON.parse(body), res);
        if (target.startsWith('AmazonSQS.')) return sqs(target.split('.')[1]!, JSON.parse(body), res);
        if (req.url?.startsWith('/2015-03-31/functions/')) return lambda(req, body, res);
        return s3(req, res);
      };
      reply().catch((error: unknown) => awsError(res, 500, 'InternalFailure', String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    secrets,
    queues,
    queueUrl(name) {
      const queueUrl = `${url}/123456789012/${name}`;
      if (!queues.has(queueUrl)) queues.set(queueUrl, []);
      return queueUrl;
    },
    objects,
    functions,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
