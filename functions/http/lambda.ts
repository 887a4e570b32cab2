// Lambda entry: the same Hono app behind API Gateway (whose request context gives the client's address). The
// adapter is Hono's `hono/aws-lambda`, which Hono marks deprecated in favour of a separate `@hono/aws-lambda`
// package that the npm registry does not serve yet (404 on 2026-11-30): when it does, the import below is the
// one line to change.
import { handle } from 'hono/aws-lambda';
import { loadConfig, withSecret } from '../config.js';
import { createDeps } from '../deps.js';
import { metricsPort, observability } from '../observability.js';
import { createApp } from './app.js';

const { metrics } = observability('http');
export const handler = handle(createApp({ ...createDeps(loadConfig(await withSecret(process.env))), metrics: metricsPort(metrics) }));
