// One goal-page view in process, the store's two reads answered from memory (as the http bench's goal*):
// what the page itself costs per view, without a server, autocannon or DynamoDB in the way.
//   npx tsx test/bench/goal-view.ts [--views N] [--path landing|goal]
//   node --cpu-prof --import tsx test/bench/goal-view.ts   (a V8 profile of the same loop)
import { createApp } from '../../functions/http/app.js';
import { createLocalDeps } from '../../functions/local/deps.js';
import { loadConfig } from '../../functions/config.js';
import { goalPagePath, recordUrl } from '../../functions/core/links/links.js';
import { aGoal, anAnswer } from '../helpers/factories.js';

const argv = process.argv.slice(2);
const flag = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const views = Number(flag('--views') ?? 5000);
const which = flag('--path') ?? 'goal';

const deps = createLocalDeps(loadConfig({ KOMPIS_SECRET: 'test:0123456789abcdef0123456789abcdef0123456789', KOMPIS_BASE_URL: 'http://127.0.0.1:3999', AWS_REGION: 'eu-north-1' }));
const now = new Date('2026-04-20T09:00:00Z');
deps.clock = { now: () => new Date(now) };
const goal = aGoal();
const answers = Array.from({ length: 7 }, (_, i) => anAnswer(i + 1, i % 3, i === 2 ? { note: 'En notat' } : {}));
deps.store = Object.assign(Object.create(deps.store) as typeof deps.store, {
  getGoal: async () => goal,
  getWeekAnswers: async () => answers,
});
const app = createApp(deps);
const path = which === 'goal' ? goalPagePath(deps.config, goal, now) : new URL(recordUrl(deps.config, goal, goal.nextWeek! - 1, 2, now)).pathname;

const view = async () => {
  const response = await app.request(path);
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
  return response.text();
};
const first = await view();
for (let i = 0; i < Math.min(500, views); i++) await view();
const start = process.hrtime.bigint();
for (let i = 0; i < views; i++) await view();
const us = Number(process.hrtime.bigint() - start) / 1000 / views;
console.log(`${which}: ${us.toFixed(0)} µs a view (${views} views, ${first.length} characters of HTML)`);
if (flag('--html')) (await import('node:fs')).writeFileSync(flag('--html')!, first);
