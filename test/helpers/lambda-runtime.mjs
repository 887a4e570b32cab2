// A small stand-in for the Lambda Node.js runtime, run by the Node that runtime uses (test/helpers/lambda-node.ts):
// it finds the handler as Lambda does — `_HANDLER` (the template's Handler, e.g. index.handler) under
// LAMBDA_TASK_ROOT, trying .js, .mjs and .cjs — imports it once (the cold start), then calls it for each event the
// test sends over IPC, with a Lambda-shaped context. Plain JavaScript: it must run without a build step on any Node.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const serialize = (error) =>
  error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { name: 'Error', message: String(error) };

const root = process.env.LAMBDA_TASK_ROOT;
const [moduleName, exportName] = (process.env._HANDLER ?? '').split('.');

let handler;
try {
  const file = ['.js', '.mjs', '.cjs'].map((ext) => join(root, `${moduleName}${ext}`)).find((path) => existsSync(path));
  if (!file) throw new Error(`Runtime.ImportModuleError: Cannot find module '${moduleName}' in ${root}`);
  const module = await import(pathToFileURL(file).href);
  handler = module[exportName];
  if (typeof handler !== 'function') throw new Error(`Runtime.HandlerNotFound: ${moduleName}.${exportName} is undefined or not exported`);
  process.send({ type: 'ready', node: process.version });
} catch (error) {
  process.send({ type: 'init-error', error: serialize(error) }, () => process.exit(1));
}

let current;
// Lambda fails the invocation on an unhandled rejection; so does this.
process.on('unhandledRejection', (reason) => current && process.send({ type: 'error', id: current, error: serialize(reason) }));

process.on('message', async ({ id, event, timeoutMs }) => {
  current = id;
  const deadline = Date.now() + timeoutMs;
  const name = process.env.AWS_LAMBDA_FUNCTION_NAME;
  const context = {
    functionName: name,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:123456789012:function:${name}`,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: id,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    const result = await handler(event, context);
    process.send({ type: 'result', id, result: result ?? null });
  } catch (error) {
    process.send({ type: 'error', id, error: serialize(error) });
  }
});
