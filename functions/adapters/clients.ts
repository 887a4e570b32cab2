// AWS clients built from config: one per process, with an endpoint override for the local stack.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
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
