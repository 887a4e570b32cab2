// A circle of N members on the whole app against the local stack, for the tests that post its forms: members
// alternate nb/en, the first starts "Salg", the clock on a Monday before the first check-in.
import { circlePageUrl } from '../../functions/core/circles/circle-links.js';
import { joinCircle, startCircle } from '../../functions/core/circles/membership.js';
import type { Goal } from '../../functions/core/goal.js';
import type { Deps } from '../../functions/core/ports.js';
import { createApp } from '../../functions/http/app.js';
import { FixedClock, freshTable, TEST_BASE_URL, testDeps } from './deps.js';
import { uniqueEmail } from './factories.js';
import { anActiveGoal } from './goals.js';
import { tableSnapshot } from './hostile.js';

export async function aCircleOnTheApp(members: number) {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  const table = await freshTable();
  const deps = testDeps(clock, table) as Deps & { clock: FixedClock };
  const app = createApp(deps);
  const post = (path: string, fields: Record<string, string> = {}) =>
    app.request(path, { method: 'POST', body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_BASE_URL } });
  const get = (path: string) => app.request(path);
  const goals: Goal[] = [];
  for (let i = 0; i < members; i++) goals.push(await anActiveGoal(deps, { email: uniqueEmail(`m${i}`), name: `Member ${i}`, locale: i % 2 ? 'en' : 'nb' }));
  const circle = await startCircle(deps, goals[0]!, { name: 'Salg', memberName: 'Member 0' });
  for (const goal of goals.slice(1)) await joinCircle(deps, circle.id, goal, goal.ownerName!);
  const page = (goal: Goal) => new URL(circlePageUrl(deps.config, circle.id, goal, clock.now())).pathname;
  return { clock, deps, app, post, get, goals, circle, page, snapshot: tableSnapshot(table.KOMPIS_TABLE!) };
}
