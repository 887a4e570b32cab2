// AWS clients built from config: one per process, with an endpoint override for the local stack.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface AwsClientConfig {
  region: string;
  dynamodbEndpoint?: string | undefined;
  sesEndpoint?: string | undefined;
}

// Local endpoints accept any credentials; production uses the Lambda role's.
const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export function createDynamoClient(config: AwsClientConfig): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: config.region,
    ...(config.dynamodbEndpoint ? { endpoint: config.dynamodbEndpoint, credentials: localCredentials } : {}),
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 5_000 },
    maxAttempts: 3,
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export function createSesClient(config: AwsClientConfig): SESClient {
  return new SESClient({
    region: config.region,
    ...(config.sesEndpoint ? { endpoint: config.sesEndpoint, credentials: localCredentials } : {}),
    // Some SES actions are not implemented by the local server and never answer: always time out.
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 10_000 },
    maxAttempts: 3,
  });
}
