// An active English goal with a buddy named Kari, on a table of its own, and the app to click through it:
// shared by the buddy and the supporters (issue 20) integration tests.
import type { Deps } from '../../functions/core/ports.js';
import { createApp } from '../../functions/http/app.js';
import { FixedClock, freshTable, TEST_BASE_URL, testDeps } from './deps.js';
import { uniqueEmail } from './factories.js';
import { anActiveGoal } from './goals.js';
import { outboxFor } from './outbox.js';

export const MONDAY = '2026-03-02T09:00:00Z';

export async function buddySetup(fields: Record<string, string> = {}) {
  const clock = new FixedClock(new Date(MONDAY));
  const deps = testDeps(clock, await freshTable()) as Deps & { clock: FixedClock };
  const buddy = uniqueEmail('kari');
  const goal = await anActiveGoal(deps, { locale: 'en', name: 'Ola', weeks: '3', buddyName: 'Kari', buddyEmail: buddy, ...fields });
  const app = createApp(deps);
  const post = (path: string, body = '', headers: Record<string, string> = { origin: TEST_BASE_URL }) =>
    app.request(path, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
  const path = (url: string) => new URL(url).pathname;
  const subjectsTo = async (address: string) => (await outboxFor(address)).map((e) => e.subject);
  const current = async () => (await deps.store.getGoal(goal.owner, goal.id))!;
  return { clock, deps, buddy, goal, app, post, path, subjectsTo, current };
}
