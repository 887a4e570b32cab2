// The local stand-ins for AWS — DynamoDB Local and local SES — started together, for `npm run dev` and tests.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startDynamoLocal, type DynamoLocal } from './dynamodb-local.js';
import { startSesLocal, type SesLocal } from './ses-local.js';
import { ensureTable } from './table.js';

export interface LocalStackOptions {
  dynamoPort: number;
  sesPort: number;
  tableName: string;
  /** Where DynamoDB Local keeps its file; in memory when absent. */
  dynamoDbPath?: string;
}

export interface LocalStack {
  dynamodbEndpoint: string;
  sesEndpoint: string;
  stop(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  let dynamo: DynamoLocal | undefined;
  let ses: SesLocal | undefined;
  const stop = async () => {
    await Promise.allSettled([dynamo?.stop(), ses?.stop()]);
  };
  try {
    // Started side by side; both are awaited, so when one fails the other is still stopped below.
    const [d, s] = await Promise.allSettled([
      startDynamoLocal({ port: options.dynamoPort, ...(options.dynamoDbPath ? { dbPath: options.dynamoDbPath } : {}) }),
      startSesLocal(options.sesPort),
    ]);
    if (d.status === 'fulfilled') dynamo = d.value;
    if (s.status === 'fulfilled') ses = s.value;
    if (d.status === 'rejected') throw d.reason;
    if (s.status === 'rejected') throw s.reason;
    if (!dynamo || !ses) throw new Error('local stack did not start');
    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await ensureTable(client, options.tableName);
    client.destroy();
    return { dynamodbEndpoint: dynamo.endpoint, sesEndpoint: ses.endpoint, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
