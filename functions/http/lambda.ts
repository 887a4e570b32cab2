// Lambda entry: the same Hono app behind API Gateway.
import { handle } from 'hono/aws-lambda';
import { loadConfig, withSecret } from '../config.js';
import { createDeps } from '../deps.js';
import { createApp } from './app.js';

export const handler = handle(createApp(createDeps(loadConfig(await withSecret(process.env)))));
