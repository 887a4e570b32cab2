// Started by a test as its own process: brings up DynamoDB Local, says where, then dies without cleanup.
import { startDynamoLocal } from '../../functions/local/dynamodb-local.js';

const port = Number(process.argv[2]);
await startDynamoLocal({ port });
process.stdout.write(`up ${port}\n`);
process.kill(process.pid, 'SIGKILL');
