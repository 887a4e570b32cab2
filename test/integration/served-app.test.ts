// The app on a real socket (@hono/node-server, as `npm run dev` serves it): what only a real connection
// shows — a too-big form answered with its page and no reset, the client's address taken from the socket
// and never from a header, and no page kept in a cache.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNUPS_PER_IP_PER_HOUR } from '../../functions/core/goals/signup-limits.js';
import { goalPagePath } from '../../functions/core/links/links.js';
import type { Deps } from '../../functions/core/ports.js';
import { freePort } from '../../functions/local/ports.js';
import { serveApp, type RunningApp } from '../../functions/local/serve.js';
import { FixedClock, freshTable, testDeps } from '../helpers/deps.js';
import { aSignupForm, formBody, uniqueEmail } from '../helpers/factories.js';
import { anActiveGoal } from '../helpers/goals.js';
import { linksIn, outboxFor } from '../helpers/outbox.js';

let app: RunningApp;
let deps: Deps & { clock: FixedClock };
let port: number;

beforeAll(async () => {
  port = await freePort();
  deps = testDeps(new FixedClock(new Date('2026-03-02T09:00:00Z')), { ...(await freshTable()), KOMPIS_BASE_URL: `http://127.0.0.1:${port}` }) as Deps & {
    clock: FixedClock;
  };
  app = await serveApp(deps, port);
});

afterAll(() => app?.close());

interface Answer {
  status?: number;
  connection?: string | undefined;
  body?: string;
  error?: string;
}

/** A POST written in 8 KB pieces over a kept-alive agent, as a browser or a script would send it. */
function postOver(agent: http.Agent, path: string, body: Buffer, chunked: boolean): Promise<Answer> {
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = { 'content-type': 'application/x-www-form-urlencoded', origin: app.url, 'accept-language': 'en' };
    if (!chunked) headers['content-length'] = body.length;
    const request = http.request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, connection: response.headers.connection, body: text }));
      response.on('error', (error) => resolve({ error: String(error) }));
    });
    request.on('error', (error) => resolve({ error: String(error) }));
    let at = 0;
    const write = () => {
      while (at < body.length) {
        const more = request.write(body.subarray(at, at + 8192));
        at += 8192;
        if (!more) return void request.once('drain', write);
      }
      request.end();
    };
    write();
  });
}

describe('the served app', () => {
  it('answers a 100 KB form with the 413 page and "Connection: close", never a reset, and the next request works', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const body = Buffer.from(new URLSearchParams(aSignupForm({ goal: 'x'.repeat(100 * 1024) })).toString());
    const answers: Answer[] = [];
    for (let i = 0; i < 12; i++) answers.push(await postOver(agent, '/goals', body, i % 2 === 1));
    for (const answer of answers) {
      expect(answer.error).toBeUndefined();
      expect(answer).toMatchObject({ status: 413, connection: 'close' });
      expect(answer.body).toContain('That was more than this form accepts.');
    }
    const after = await fetch(`${app.url}/`);
    expect(after.status).toBe(200);
    agent.destroy();
  });

  it('counts sign-ups per client address from the socket: a rotating X-Forwarded-For changes nothing', async () => {
    const send = (i: number) =>
      fetch(`${app.url}/goals`, {
        method: 'POST',
        body: formBody(aSignupForm({ email: uniqueEmail('xff') })),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.url, 'x-forwarded-for': i === 0 ? '7'.repeat(3000) : `203.0.113.${i}` },
      });
    for (let i = 0; i < SIGNUPS_PER_IP_PER_HOUR; i++) expect((await send(i)).status).toBe(200);
    const refused = await send(99);
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('Too many goals written down from here just now.');
  });

  it('sends Cache-Control: no-store on every page, token pages and the export above all', async () => {
    const goal = await anActiveGoal(deps, { locale: 'en' });
    const confirm = linksIn((await outboxFor(goal.owner))[0]!, '/c/')[0]!;
    for (const url of [`${app.url}/`, confirm, `${app.url}/g/not-a-token`]) expect((await fetch(url)).headers.get('cache-control'), url).toBe('no-store');
    const goalPage = goalPagePath(deps.config, goal, deps.clock.now());
    expect((await fetch(`${app.url}${goalPage}`)).headers.get('cache-control')).toBe('no-store');
    await fetch(`${app.url}${goalPage}/export`, { method: 'POST', headers: { origin: app.url }, redirect: 'manual' });
    const download = linksIn((await outboxFor(goal.owner)).at(-1)!, '/s/export/')[0]!;
    const exported = await fetch(download, { method: 'POST', headers: { origin: app.url } });
    expect(exported.headers.get('content-type')).toMatch(/^application\/json/);
    expect(exported.headers.get('cache-control')).toBe('no-store');
  });
});
