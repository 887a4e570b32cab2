// `npm run test:soak`: a bounded load test on 127.0.0.1 — autocannon, 60 s × 100 connections on each of the
// sign-up page (GET /), the one-click landing page (GET /r/:token) and its POST — against the real app in a
// child process (@hono/node-server, as `npm run dev` serves it) on DynamoDB Local + local SES, fresh table.
// Fails (exit code 1, one FAIL line per broken property) on any connection error or timeout, any 5xx, any
// answer of another status than expected, any request the app logged as failed, a POST that did not
// record, or heapUsed growing more than 20 % from after the warm-up (once it has settled) to after the load
// (both after a forced full GC). Not part of `npm test` (no *.test.ts): it takes about 4 minutes and both cores.
//
//   npm run test:soak [-- --quick] [-- --seconds 60 --connections 100 --warmup 5 --goals 5 --json]
import { freePort } from '../../functions/local/ports.js';
import {
  cannon,
  machine,
  mb,
  probe,
  round,
  seedGoals,
  startLoadStack,
  startServer,
  weekAnswers,
  type CannonSummary,
  type Target,
} from './harness.js';
import type { MemorySample } from './server.js';

const MAX_HEAP_GROWTH = 0.2;

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = argv.indexOf(name);
  const value = at >= 0 ? Number(argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number`);
  return value;
};
const quick = argv.includes('--quick');
const json = argv.includes('--json');
const seconds = option('--seconds', quick ? 5 : 60);
const connections = option('--connections', 100);
const warmupSeconds = option('--warmup', quick ? 2 : 5);
const goalCount = option('--goals', 5);
const log = (line: string) => (json ? process.stderr.write(`${line}\n`) : console.log(line));

const failures: string[] = [];
const check = (ok: boolean, property: string) => {
  if (!ok) failures.push(property);
};

log(`soak: ${seconds} s × ${connections} connections per target, 127.0.0.1; ${machine().cpus} CPUs, load average ${machine().loadAverage1m}`);
const stack = await startLoadStack('soak');
let exitCode = 1;
try {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const goals = await seedGoals(stack, baseUrl, goalCount);
  log(`  ${goals.length} active goals, ${goals[0]!.openWeek} check-ins out each, week ${goals[0]!.openWeek} unanswered`);

  const targets: Target[] = [
    { name: 'GET /', method: 'GET', paths: ['/'], expectStatus: 200 },
    { name: 'GET /r/:token', method: 'GET', paths: goals.map((g) => g.recordPath), expectStatus: 200 },
    {
      name: 'POST /r/:token',
      method: 'POST',
      paths: goals.map((g) => g.recordPath),
      // As the landing page's form posts it from the browser: no fields, the page's own origin.
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl },
      body: '',
      expectStatus: 303,
    },
  ];

  const server = await startServer({ mode: 'app', port, env: stack.env, exposeGc: true });
  let results: CannonSummary[] = [];
  let before: MemorySample;
  let after: MemorySample;
  try {
    for (const target of targets) await probe(server.url, target);
    const fresh = await server.memory(true);
    // Warm-up (the JIT and its feedback, the SDK's sockets, Hono's routers) until the heap after a full GC
    // settles — two rounds in a row within 5 % — or 3 rounds; the last sample is the baseline.
    const samples = [fresh];
    for (let round = 1; round <= 3; round++) {
      for (const target of targets) await cannon(server.url, target, { connections, seconds: warmupSeconds });
      samples.push(await server.memory(true));
      if (round > 1 && Math.abs(samples.at(-1)!.heapUsed / samples.at(-2)!.heapUsed - 1) <= 0.05) break;
    }
    before = samples.at(-1)!;
    log(
      `  memory after ${samples.length - 1} warm-up round(s) of ${warmupSeconds} s per target, after GC: heapUsed ${mb(before.heapUsed)}, RSS ${mb(before.rss)} ` +
        `(heapUsed at start and after each round: ${samples.map((m) => mb(m.heapUsed)).join(' → ')})`,
    );

    for (const target of targets) {
      const r = await cannon(server.url, target, { connections, seconds });
      results.push(r);
      const statuses = Object.entries(r.statuses).map(([s, n]) => `${s}×${n}`).join(' ');
      log(
        `  ${r.name.padEnd(15)} ${r.perSecond.toFixed(0).padStart(6)} req/s  p50 ${r.latencyMs.p50} ms  p99 ${r.latencyMs.p99} ms  max ${r.latencyMs.max} ms  ` +
          `errors ${r.errors} (timeouts ${r.timeouts})  5xx ${r.status5xx}  statuses ${statuses || 'none'}`,
      );
      check(r.requests > 0, `${r.name}: no request completed`);
      check(r.errors === 0, `${r.name}: ${r.errors} connection errors/timeouts (want 0)`);
      check(r.status5xx === 0, `${r.name}: ${r.status5xx} answers with a 5xx status (want 0)`);
      check(r.unexpectedStatuses === 0, `${r.name}: ${r.unexpectedStatuses} answers with another status than ${target.expectStatus} (${statuses})`);
    }
    after = await server.memory(true);
  } finally {
    await server.stop();
  }

  const growth = after.heapUsed / before.heapUsed - 1;
  log(
    `  memory after the load, after GC: heapUsed ${mb(after.heapUsed)} (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} %, limit +${MAX_HEAP_GROWTH * 100} %), ` +
      `RSS ${mb(after.rss)} (${((after.rss / before.rss - 1) * 100).toFixed(1)} %), peak RSS ${mb(after.peakRss)}`,
  );
  const spaces = Object.keys(after.spaces)
    .map((name) => ({ name, delta: after.spaces[name]! - (before.spaces[name] ?? 0) }))
    .filter((s) => Math.abs(s.delta) >= 64 * 1024)
    .sort((a, b) => b.delta - a.delta);
  if (spaces.length) log(`  heap change by space: ${spaces.map((s) => `${s.name} ${s.delta >= 0 ? '+' : ''}${mb(s.delta)}`).join(', ')}`);
  check(before.gc && after.gc, 'memory: the server did not run with --expose-gc, heap figures are not after a full GC');
  check(growth <= MAX_HEAP_GROWTH, `memory: heapUsed grew ${(growth * 100).toFixed(1)} % under load (${mb(before.heapUsed)} → ${mb(after.heapUsed)}), limit ${MAX_HEAP_GROWTH * 100} %`);
  check(server.failedRequests() === 0, `app: ${server.failedRequests()} request(s) logged as failed; last: ${server.output().filter((l) => l.includes('request failed')).at(-1)}`);
  const sdkWarnings = server.output().filter((l) => l.includes('@smithy/node-http-handler'));
  if (sdkWarnings.length) log(`  the SDK warned ${sdkWarnings.length}× (last 200 lines of output kept); e.g. ${sdkWarnings.at(-1)!.slice(0, 200)}`);

  // Every POST recorded the same click: the open week of each goal now holds 2, from a click.
  for (const g of goals) {
    const answer = (await weekAnswers(stack, g.goal.id)).find((a) => a.week === g.openWeek);
    check(answer?.count === 2 && answer.source === 'click', `POST /r: goal ${g.goal.id} week ${g.openWeek} holds ${JSON.stringify(answer)}, want count 2 from a click`);
  }

  if (json) {
    console.log(
      JSON.stringify(
        {
          machine: machine(),
          load: { seconds, connections, warmupSeconds, goals: goals.length },
          targets: results,
          memory: { before, after, heapGrowth: round(growth, 4), maxHeapGrowth: MAX_HEAP_GROWTH },
          failures,
          passed: failures.length === 0,
        },
        null,
        2,
      ),
    );
  }
  exitCode = failures.length === 0 ? 0 : 1;
} catch (error) {
  failures.push(`the soak test itself failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  await stack.stop();
}
for (const failure of failures) log(`FAIL: ${failure}`);
log(exitCode === 0 ? 'soak: passed' : `soak: FAILED (${failures.length})`);
process.exit(exitCode);
