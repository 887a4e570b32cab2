// The DynamoDB store from config, on its own: the tick and feedback functions need nothing else, and
// importing it from deps.ts would bundle the SES mailer (nodemailer) into them.
import { createDynamoClient } from './adapters/clients.js';
import { DynamoStore } from './adapters/dynamo-store.js';
import type { AppConfig } from './config.js';

export function createStore(config: AppConfig): DynamoStore {
  return new DynamoStore(createDynamoClient(config), config.tableName);
}
