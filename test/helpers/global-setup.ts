// Starts DynamoDB Local (in memory) and local SES on free ports once for the whole test run.
import type { TestProject } from 'vitest/node';
import { freePort } from '../../functions/local/ports.js';
import { startLocalStack } from '../../functions/local/stack.js';

export const TEST_TABLE = 'kompis-test';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    sesEndpoint: string;
    tableName: string;
  }
}

export default async function setup(project: TestProject) {
  const stack = await startLocalStack({ dynamoPort: await freePort(), sesPort: await freePort(), tableName: TEST_TABLE });
  project.provide('dynamodbEndpoint', stack.dynamodbEndpoint);
  project.provide('sesEndpoint', stack.sesEndpoint);
  project.provide('tableName', TEST_TABLE);
  return () => stack.stop();
}
