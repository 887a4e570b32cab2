// `npm run bench`: Kompis's measuring instrument. Every figure is a ratio against a baseline measured
// in the same run on the same machine. `--json` prints one JSON object instead of the table.
import { freePort } from '../../functions/local/ports.js';
import { startDynamoLocal } from '../../functions/local/dynamodb-local.js';
import { fmt } from './measure.js';
import { benchRender } from './render.bench.js';
import { benchTick } from './tick.bench.js';
import { benchReaders } from './readers.bench.js';
import { benchSend } from './send.bench.js';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const log = (line: string) => (json ? process.stderr.write(`${line}\n`) : console.log(line));

log('render: a check-in in nb and en, precompiled vs mjml2html');
const render = await benchRender();
log(`  precompiled ${fmt(render.precompiledMs)}, mjml2html ${fmt(render.mjmlMs)} → ${render.ratio.toFixed(0)}× (target ≥ 300×)`);
log(`  signing the links of both emails (same on either path): ${fmt(render.signingMs)}`);

log('readers: goal analysis and reply parsing, items per second');
const readers = await benchReaders();
log(`  goals ${readers.goalsPerSecond.toFixed(0)}/s (target ≥ 50,000), replies ${readers.repliesPerSecond.toFixed(0)}/s (target ≥ 2,000)`);

log('due-goal selection: 1,000 due goals among N, DynamoDB Local (in memory)');
const dynamo = await startDynamoLocal({ port: await freePort() });
let tick;
try {
  tick = await benchTick(dynamo.endpoint, quick ? [1_000, 10_000] : [1_000, 10_000, 100_000], log);
} finally {
  await dynamo.stop();
}
log('send throughput: due goals through tick → queue → send, DynamoDB Local + local SES');
const send = await benchSend(quick ? { uncapped: 300, capped: 70, rate: 14 } : { uncapped: 5_000, capped: 840, rate: 14 }, log);

const base = tick[0]!.tickMs;
const largest = tick.at(-1)!;
const result = {
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  render: { precompiledMs: render.precompiledMs, mjmlMs: render.mjmlMs, ratio: render.ratio, signingMs: render.signingMs, target: 300, met: render.ratio >= 300 },
  readers: {
    goalsPerSecond: readers.goalsPerSecond,
    repliesPerSecond: readers.repliesPerSecond,
    met: readers.goalsPerSecond >= 50_000 && readers.repliesPerSecond >= 2_000,
  },
  send: {
    ...send,
    met: send.uncapped.perSecond >= 50 && Math.abs(send.capped.perSecond - send.capped.rate) / send.capped.rate <= 0.05 &&
      send.uncapped.inOutbox === send.uncapped.goals && send.capped.inOutbox === send.capped.goals,
  },
  dueSelection: {
    points: tick.map((p) => ({ ...p, ratioToSmallest: p.tickMs / base })),
    largestVsSmallest: largest.tickMs / base,
    target: 1.2,
    met: largest.tickMs / base <= 1.2,
    scanVsTickAtLargest: largest.scanMs ? largest.scanMs / largest.tickMs : null,
  },
};
if (json) console.log(JSON.stringify(result, null, 2));
else {
  log('');
  log(`render ratio                 ${result.render.ratio.toFixed(0)}×  ${result.render.met ? 'meets' : 'MISSES'} ≥ 300×`);
  log(`goal reader                  ${result.readers.goalsPerSecond.toFixed(0)}/s  reply parser ${result.readers.repliesPerSecond.toFixed(0)}/s`);
  log(`send, uncapped               ${result.send.uncapped.perSecond.toFixed(0)}/s (target ≥ 50/s); outbox ${result.send.uncapped.inOutbox}/${result.send.uncapped.goals}`);
  log(`send, capped at ${result.send.capped.rate}/s         ${result.send.capped.perSecond.toFixed(2)}/s (target ±5%); outbox ${result.send.capped.inOutbox}/${result.send.capped.goals}`);
  for (const p of result.dueSelection.points) log(`tick, ${String(p.goals).padStart(7)} goals     ${p.tickMs.toFixed(0).padStart(5)} ms  ${p.ratioToSmallest.toFixed(2)}×`);
  log(`largest vs smallest          ${result.dueSelection.largestVsSmallest.toFixed(2)}×  ${result.dueSelection.met ? 'meets' : 'MISSES'} ≤ 1.2×`);
  if (result.dueSelection.scanVsTickAtLargest) log(`Scan vs tick at largest      ${result.dueSelection.scanVsTickAtLargest.toFixed(1)}× slower`);
}
