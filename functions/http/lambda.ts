// Lambda entry: the same Hono app behind API Gateway (whose request context gives the client's address).
import { handle } from 'hono/aws-lambda';
import { loadConfig, withSecret } from '../config.js';
import { createDeps } from '../deps.js';
import { metricsPort, observability } from '../observability.js';
import { createApp } from './app.js';

const { metrics } = observability('http');
export const handler = handle(createApp({ ...createDeps(loadConfig(await withSecret(process.env))), metrics: metricsPort(metrics) }));
