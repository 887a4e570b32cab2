// Changing a goal honestly, end to end on DynamoDB Local and local SES: from the goal page and by reply,
// from the week after the one being lived; the history shows it, the commitment is rebuilt, the weeks
// before keep their target, and the buddy is told in their next weekly email.
import { describe, expect, it } from 'vitest';
import { acceptInvitation } from '../../functions/core/buddy/invitations.js';
import { checkinReplyAddress, goalPagePath } from '../../functions/core/links/links.js';
import { handleInbound } from '../../functions/core/inbound/inbound.js';
import { LOCAL_VERDICTS } from '../../functions/core/inbound/trust.js';
import type { Deps } from '../../functions/core/ports.js';
import { summarize } from '../../functions/core/progress/progress.js';
import { recordAnswer } from '../../functions/core/weekly/record.js';
import { createApp } from '../../functions/http/app.js';
import { clientEnv, FixedClock, freshTable, TEST_BASE_URL, testDeps } from '../helpers/deps.js';
import { uniqueEmail } from '../helpers/factories.js';
import { anActiveGoal } from '../helpers/goals.js';
import { rawMail } from '../helpers/mail.js';
import { outboxFor } from '../helpers/outbox.js';
import { tickAt } from '../helpers/weekly.js';

async function setup(locale: 'nb' | 'en' = 'en') {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  const deps = testDeps(clock, await freshTable()) as Deps & { clock: FixedClock };
  const app = createApp(deps);
  const kari = uniqueEmail('kari');
  const goal = await anActiveGoal(deps, { locale, name: 'Ola', goal: locale === 'nb' ? 'Møte 2 kunder hver uke i 6 uker' : 'Meet 2 customers every week for 6 weeks', perWeek: '2', weeks: '6', buddyName: 'Kari', buddyEmail: kari });
  await acceptInvitation(deps, { owner: goal.owner, goalId: goal.id, buddy: kari });
  const post = (path: string, fields: Record<string, string>) =>
    app.request(path, { method: 'POST', body: new URLSearchParams(fields), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_BASE_URL } }, clientEnv());
  const fresh = async () => (await deps.store.getGoal(goal.owner, goal.id))!;
  /** Week n's check-in goes out, and `count` is clicked half an hour later. */
  const week = async (n: number, count: number) => {
    const at = new Date(Date.parse('2026-03-06T14:00:00Z') + (n - 1) * 7 * 86400_000);
    clock.set(at.toISOString());
    await tickAt(deps, at.toISOString());
    clock.set(new Date(at.getTime() + 30 * 60_000).toISOString());
    await recordAnswer(deps, await fresh(), n, { count, source: 'click' });
    // The buddy's weekly email, an hour after the answer.
    await tickAt(deps, new Date(at.getTime() + 100 * 60_000).toISOString());
  };
  return { clock, deps, app, goal, kari, post, fresh, week };
}

describe('changing the goal', () => {
  it('from the goal page: from the next week, in the history, the commitment rebuilt, earlier weeks kept, the buddy told once', async () => {
    const s = await setup('en');
    await s.week(1, 2);
    s.clock.set('2026-03-07T10:00:00Z'); // Saturday of week 2
    const path = goalPagePath(s.deps.config, s.goal, s.clock.now());
    const response = await s.post(`${path}/change`, { goal: s.goal.text, perWeek: '3', weeks: '6' });
    expect(response.status).toBe(303);
    const goal = await s.fresh();
    expect(goal.targetPerWeek).toBe(3);
    expect(goal.changes).toMatchObject([{ fromWeek: 3, from: { perWeek: 2, weeks: 6 }, to: { perWeek: 3, weeks: 6 }, easier: false, late: false }]);
    expect(goal.commitment).toMatch(/^I will meet 3 customers every week until /);

    const page = await (await s.app.request(response.headers.get('location')!)).text();
    expect(page).toContain('Changed, from week 3: 3 a week for 6 weeks.');
    expect(page).toContain('From week 3: 3 a week (was 2).');
    // The rule and the margin, on the page: each week with its own number.
    expect(page).toContain('The goal counts as reached when the weeks add up to 16 in 6 weeks, or 2.7 a week on average (each week counts with the number it had).');
    expect(page).toContain('On pace: 2 so far, as expected by now.');
    // The chart marks each week's own target: 2 for weeks 1–2, 3 from week 3.
    expect([...page.matchAll(/data-week-target="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([2, 2, 3, 3, 3, 3]);

    // Weeks 1 and 2 keep their target of 2: a 2 in each is on target; week 3's 2 is not.
    await s.week(2, 2);
    await s.week(3, 2);
    const progress = summarize(await s.fresh(), await s.deps.store.getWeekAnswers(s.goal.id));
    expect(progress.rows.slice(0, 3).map((r) => r.onTarget)).toEqual([true, true, false]);
    expect(progress.targetTotal).toBe(2 + 2 + 3 * 4);

    // Kari hears of it in week 2's email, the week before it applies, and only then.
    const weekly = (await outboxFor(s.kari)).filter((m) => /^Week \d of 6/.test(m.subject));
    expect(weekly.map((m) => m.subject)).toEqual([
      'Week 1 of 6: 2 this week, target reached',
      'Week 2 of 6: 2 this week, target reached',
      'Week 3 of 6: 2 this week, 1 short of 3',
    ]);
    const told = weekly.map((m) => m.body.text?.includes('Ola changed the goal from 2 to 3 a week, from week 3.'));
    expect(told).toEqual([false, true, false]);
  });

  it('by reply, "endre: 3 i uka": confirmed with the week it starts and the goal page', async () => {
    const s = await setup('nb');
    await s.week(1, 2);
    const to = checkinReplyAddress(s.deps.config, s.goal, 1);
    const raw = await rawMail({ from: s.goal.owner, to, text: 'endre: 3 i uka', inReplyTo: '<checkin-1@kompis.localhost>' });
    await handleInbound(s.deps, { messageId: crypto.randomUUID(), raw, recipients: [to], verdicts: LOCAL_VERDICTS });
    const goal = await s.fresh();
    expect(goal.targetPerWeek).toBe(3);
    expect(goal.changes?.[0]?.fromWeek).toBe(3);
    const [answer] = (await outboxFor(s.goal.owner)).filter((m) => m.body.text?.includes('Målet er endret'));
    expect(answer?.body.text).toContain('Endret, fra uke 3: 3 i uka i 6 uker.');
    expect(answer?.body.text).toContain('/g/');
    // The week's answer was not touched: "3" in the command is the new number, not week 1's count.
    const [week1] = await s.deps.store.getWeekAnswers(s.goal.id);
    expect(week1?.count).toBe(2);
  });

  it('refuses fewer weeks than have begun, next to the field, and changes nothing', async () => {
    const s = await setup('en');
    await s.week(1, 2);
    await s.week(2, 2);
    const path = goalPagePath(s.deps.config, s.goal, s.clock.now());
    const response = await s.post(`${path}/change`, { goal: s.goal.text, perWeek: '2', weeks: '2' });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('id="weeks-error"');
    expect(html).toMatch(/<details class="panel" id="change" open/);
    expect((await s.fresh()).changes).toBeUndefined();
  });

  it('made easier in the last two weeks is flagged even when the weeks were stretched first (two steps)', async () => {
    const s = await setup('en');
    for (let n = 1; n <= 4; n++) await s.week(n, 2);
    s.clock.set('2026-03-28T10:00:00Z'); // week 5 of 6
    const path = goalPagePath(s.deps.config, s.goal, s.clock.now());
    expect((await s.post(`${path}/change`, { goal: s.goal.text, perWeek: '2', weeks: '52' })).status).toBe(303);
    expect((await s.post(`${path}/change`, { goal: s.goal.text, perWeek: '1', weeks: '6' })).status).toBe(303);
    expect((await s.fresh()).changes?.[1]).toMatchObject({ easier: true, late: true, fromWeek: 6 });
  });

  it('made easier in the last two weeks is shown as such in the final report', async () => {
    const s = await setup('en');
    for (let n = 1; n <= 4; n++) await s.week(n, 2);
    s.clock.set('2026-03-28T10:00:00Z'); // week 5 of 6
    const path = goalPagePath(s.deps.config, s.goal, s.clock.now());
    expect((await s.post(`${path}/change`, { goal: s.goal.text, perWeek: '1', weeks: '6' })).status).toBe(303);
    expect((await s.fresh()).changes?.[0]).toMatchObject({ easier: true, late: true, fromWeek: 6 });
    await s.week(5, 2);
    await s.week(6, 1);
    await tickAt(s.deps, '2026-04-12T14:00:00Z');
    await tickAt(s.deps, '2026-04-12T14:15:00Z');
    const [report] = (await outboxFor(s.goal.owner)).filter((m) => m.subject.includes('6 weeks are over') || m.subject.includes('reached'));
    expect(report?.body.text).toContain('The goal was made easier in its last two weeks: from 2 a week for 6 weeks to 1 a week for 6 weeks.');
  });
});

describe('a pause', () => {
  it('moves the end date by the paused weeks, and the commitment sentence says the new date', async () => {
    const s = await setup('en');
    expect(s.goal.commitment).toMatch(/until 13 April\.$/);
    await s.week(1, 2);
    s.clock.set('2026-03-07T10:00:00Z');
    const path = goalPagePath(s.deps.config, s.goal, s.clock.now());
    expect((await s.post(`${path}/pause`, { resumeOn: '' })).status).toBe(303);
    // Two weeks later, resumed: week 2 is on Friday 27 March instead of 13 March.
    s.clock.set('2026-03-21T09:00:00Z');
    expect((await s.post(`${path}/resume`, {})).status).toBe(303);
    const goal = await s.fresh();
    expect(goal.firstCheckinDate).toBe('2026-03-20');
    expect(goal.commitment).toMatch(/until 27 April\.$/);
    const page = await (await s.app.request(path)).text();
    expect(page).toContain('until 27 April.');
  });
});
