// "N or more": the check-in's last button asks for the exact number on its landing page, N filled in, so
// the chart and the totals are true; the other buttons record their number as before.
import { describe, expect, it } from 'vitest';
import { recordUrl } from '../../functions/core/links/links.js';
import type { Deps } from '../../functions/core/ports.js';
import { createApp } from '../../functions/http/app.js';
import { clientEnv, FixedClock, freshTable, TEST_BASE_URL, testDeps } from '../helpers/deps.js';
import { anActiveGoal } from '../helpers/goals.js';
import { tickAt } from '../helpers/weekly.js';

async function setup() {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  const deps = testDeps(clock, await freshTable()) as Deps & { clock: FixedClock };
  const app = createApp(deps);
  const goal = await anActiveGoal(deps, { locale: 'en', perWeek: '2', weeks: '6' });
  await tickAt(deps, '2026-03-06T14:00:00Z');
  clock.set('2026-03-06T15:00:00Z');
  const path = (value: number) => new URL(recordUrl(deps.config, goal, 1, value, clock.now())).pathname;
  const post = (p: string, fields: Record<string, string>) =>
    app.request(p, { method: 'POST', body: new URLSearchParams(fields), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_BASE_URL } }, clientEnv());
  const week1 = async () => (await deps.store.getWeekAnswers(goal.id)).find((a) => a.week === 1);
  return { deps, app, goal, path, post, week1 };
}

describe('the "3 or more" button', () => {
  it('asks how many exactly, with 3 filled in, and records the number typed', async () => {
    const s = await setup();
    const page = await (await s.app.request(s.path(3))).text();
    expect(page).toContain('3 or more in week 1: how many exactly?');
    expect(page).toMatch(/<input id="count" name="count"[^>]* min="3"[^>]* value="3"/);
    const response = await s.post(s.path(3), { count: '5', remember: 'on' });
    expect(response.status).toBe(303);
    expect((await s.week1())?.count).toBe(5);
  });

  it('refuses a number below 3, or none, next to the field, and records nothing', async () => {
    const s = await setup();
    for (const count of ['2', 'many', '']) {
      const response = await s.post(s.path(3), { count });
      expect(response.status, count).toBe(400);
      expect(await response.text()).toContain('id="count-error"');
    }
    expect(await s.week1()).toBeUndefined();
  });

  it('leaves the other buttons as they were: one click records their number', async () => {
    const s = await setup();
    const page = await (await s.app.request(s.path(2))).text();
    expect(page).toContain('Record 2 for week 1?');
    expect(page).not.toContain('name="count"');
    expect((await s.post(s.path(2), {})).status).toBe(303);
    expect((await s.week1())?.count).toBe(2);
  });
});
