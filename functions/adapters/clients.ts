// Every AWS SDK client Kompis builds, from config: one per process, each with a connection and request
// timeout (a hung call fails instead of waiting for the Lambda's own timeout), and an endpoint override for
// the local stack. The SDK packages mark themselves side-effect free, so a bundle carries only the clients
// its entry point builds.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SESClient } from '@aws-sdk/client-ses';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { StandardRetryStrategy } from '@smithy/core/retry';
import type { StandardRetryBackoffStrategy } from '@smithy/types';

/**
 * The SDK retries timeouts and 5xx by default — for SendRawEmail that could deliver one email twice.
 * Only throttling (SES refused the request, so nothing was sent) is retried here; send-once.ts settles
 * the rest.
 */
class RetryOnlyThrottling extends StandardRetryStrategy {
  override async refreshRetryTokenForRetry(...args: Parameters<StandardRetryStrategy['refreshRetryTokenForRetry']>) {
    const [, errorInfo] = args;
    if (errorInfo.errorType !== 'THROTTLING') throw errorInfo.error;
    return super.refreshRetryTokenForRetry(...args);
  }
}

export interface AwsClientConfig {
  region: string;
  dynamodbEndpoint?: string | undefined;
  sesEndpoint?: string | undefined;
  /** The SDK's wait between retries (1 s and more after throttling); tests under injected faults shorten it. */
  retryBackoff?: StandardRetryBackoffStrategy;
}

// Local endpoints accept any credentials; production uses the Lambda role's.
const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export function createDynamoClient(config: AwsClientConfig): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: config.region,
    ...(config.dynamodbEndpoint ? { endpoint: config.dynamodbEndpoint, credentials: localCredentials } : {}),
    // throwOnRequestTimeout: without it the SDK only logs a warning at requestTimeout and waits forever.
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 5_000, throwOnRequestTimeout: true },
    retryStrategy: new StandardRetryStrategy({ maxAttempts: 3, backoff: config.retryBackoff }),
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export function createSesClient(config: AwsClientConfig): SESClient {
  return new SESClient({
    region: config.region,
    ...(config.sesEndpoint ? { endpoint: config.sesEndpoint, credentials: localCredentials } : {}),
    // Some SES actions are not implemented by the local server and never answer: always time out.
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 10_000, throwOnRequestTimeout: true },
    retryStrategy: new RetryOnlyThrottling({ maxAttempts: 3, backoff: config.retryBackoff }),
  });
}

/** The timeouts every other client shares: the calls are small, and a retry is cheaper than a hung Lambda. */
const shortCalls = { connectionTimeout: 2_000, requestTimeout: 5_000, throwOnRequestTimeout: true } as const;

export function createS3Client(config: { region: string | undefined }): S3Client {
  return new S3Client({ region: config.region, requestHandler: shortCalls });
}

export function createSqsClient(config: { region: string | undefined }): SQSClient {
  return new SQSClient({ region: config.region, requestHandler: shortCalls });
}

/** Invoking a function waits for it to run (replaying a failed event), so its request timeout is the function's own. */
export function createLambdaClient(config: { region: string | undefined }): LambdaClient {
  return new LambdaClient({ region: config.region, requestHandler: { ...shortCalls, requestTimeout: 90_000 } });
}

/** Loaded only when a secret is read (once per cold start), so no bundle carries it otherwise. */
export async function createSecretsManagerClient(config: { region: string | undefined }) {
  const { SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
  return new SecretsManagerClient({ region: config.region, requestHandler: shortCalls });
}
