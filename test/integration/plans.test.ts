// A plan for next week, through the real loop: asked on the week page after recording, or by reply
// "plan: …"; shown in the next check-in and the buddy's email; its one email at that hour in the owner's zone.
import { describe, expect, it } from 'vitest';
import { weekPagePath } from '../../functions/core/links/links.js';
import { uniqueEmail } from '../helpers/factories.js';
import { loopSetup, plus, WEEK } from '../helpers/loop.js';
import { outboxFor } from '../helpers/outbox.js';
import { tickAt } from '../helpers/weekly.js';

const plans = (emails: { subject: string }[]) => emails.filter((e) => /^(Today|I dag) /.test(e.subject)).map((e) => e.subject);

describe('a plan for next week', () => {
  it('is asked for on the week page after recording, and its email goes at that hour in the owner’s zone, once', async () => {
    const { deps, clock, goal, app, answer, post, mail, current } = await loopSetup();
    await tickAt(deps, WEEK(1));
    clock.set(plus(WEEK(1), 1)); // Friday 16:00 Oslo
    const page = weekPagePath(deps.config, goal, 1, deps.clock.now());
    expect(await (await app.request(page)).text()).not.toContain('Your one move for next week');
    await answer(1, 2);
    expect(await (await app.request(page)).text()).toContain('Your one move for next week — which day and time?');

    const bad = await post(`${page}/plan`, 'planDay=4&planHour=8&planText=');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Write what you will do');
    expect((await current()).plan).toBeUndefined();

    expect((await post(`${page}/plan`, `planDay=4&planHour=8&planText=${encodeURIComponent('coffee with 2 CFOs')}&planEmail=on`)).status).toBe(303);
    expect(await (await app.request(page)).text()).toContain('Your plan for week 2 — Thursday 08:00: coffee with 2 CFOs.');
    // Thursday 12 March, 08:00 Oslo = 07:00 UTC.
    expect((await current()).plan).toMatchObject({ week: 2, at: '2026-03-12T07:00:00.000Z', email: true });

    await tickAt(deps, '2026-03-12T06:59:00Z');
    expect(plans(await mail())).toEqual([]);
    await tickAt(deps, '2026-03-12T07:00:00Z');
    await tickAt(deps, '2026-03-12T07:15:00Z');
    expect(plans(await mail())).toEqual(['Today 08:00: coffee with 2 CFOs']);

    await tickAt(deps, WEEK(2));
    const week2 = (await mail()).find((e) => e.subject.startsWith('Week 2'))!;
    expect(week2.body.text).toContain('Your plan this week — Thursday 08:00: coffee with 2 CFOs.');
  });

  it('sends no email unless ticked, and none when its time passed long before the tick', async () => {
    const { deps, clock, goal, answer, post, mail } = await loopSetup();
    await tickAt(deps, WEEK(1));
    clock.set(plus(WEEK(1), 1));
    await answer(1, 2);
    const page = weekPagePath(deps.config, goal, 1, deps.clock.now());
    await post(`${page}/plan`, 'planDay=4&planHour=8&planText=coffee');
    await tickAt(deps, '2026-03-12T07:00:00Z');
    await post(`${page}/plan`, 'planDay=4&planHour=8&planText=coffee&planEmail=on');
    await tickAt(deps, '2026-03-12T10:00:00Z'); // three hours late
    expect(plans(await mail())).toEqual([]);
  });

  it('by reply "plan: …": read back, shown to the buddy, emailed at that hour; its numbers are not the count', async () => {
    const buddy = uniqueEmail('kari');
    const { deps, clock, goal, reply, mail, buddyAccepts, current } = await loopSetup({ locale: 'nb', buddyName: 'Kari', buddyEmail: buddy });
    await buddyAccepts(buddy);
    await tickAt(deps, WEEK(1));
    clock.set(plus(WEEK(1), 1));
    await reply(1, '3\nplan: tor 08 kaffe med 2 CFO-er');
    expect((await deps.store.getWeekAnswers(goal.id)).find((a) => a.week === 1)).toMatchObject({ count: 3 });
    expect((await current()).plan).toMatchObject({ week: 2, weekday: 4, hour: 8, text: 'kaffe med 2 CFO-er', email: true });
    const readBack = (await mail()).find((e) => e.body.text?.includes('Registrert 3 for uke 1'))!;
    expect(readBack.body.text).toContain('Lagret: torsdag 08:00: kaffe med 2 CFO-er.');

    await tickAt(deps, plus(WEEK(1), 2));
    const weekly = (await outboxFor(buddy)).find((e) => e.subject.startsWith('Uke 1 av 3'))!;
    expect(weekly.body.text).toContain('Plan for neste uke — torsdag 08:00: kaffe med 2 CFO-er.');

    await tickAt(deps, '2026-03-12T07:00:00Z');
    expect(plans(await mail())).toEqual(['I dag 08:00: kaffe med 2 CFO-er']);
  });

  it('read-back of a number asks for the plan; a plan alone by reply is saved for the week after', async () => {
    const { deps, clock, reply, mail, current } = await loopSetup();
    await tickAt(deps, WEEK(1));
    clock.set(plus(WEEK(1), 1));
    await reply(1, '2');
    expect((await mail()).find((e) => e.body.text?.includes('Recorded 2 for week 1'))!.body.text).toContain('Your one move for next week — which day and time?');
    await reply(1, 'plan: Tue 9am call three leads');
    expect((await current()).plan).toMatchObject({ week: 2, weekday: 2, hour: 9, text: 'call three leads' });
    expect((await mail()).some((e) => e.body.text?.includes('Saved: Tuesday 09:00: call three leads.'))).toBe(true);
  });
});

describe('the time of a plan', () => {
  it('falls in the week after the check-in even when the page’s clock is behind the tick’s (time travel)', async () => {
    const { deps, goal, answer, post, current } = await loopSetup();
    await tickAt(deps, WEEK(1)); // the clock stays on Monday 2 March
    await answer(1, 2);
    await post(`${weekPagePath(deps.config, goal, 1, deps.clock.now())}/plan`, 'planDay=2&planHour=9&planText=call+three+leads');
    // Tuesday 10 March 09:00 Oslo, after Friday 6 March's check-in — not Tuesday 3 March.
    expect((await current()).plan?.at).toBe('2026-03-10T08:00:00.000Z');
  });

  it('for a day already past in the week it is for (answered late) is refused, by page and by reply, and sends nothing', async () => {
    const { deps, clock, goal, answer, post, reply, mail, current } = await loopSetup();
    await tickAt(deps, WEEK(1)); // Friday 6 March; week 2's check-in is Friday 13 March 15:00 Oslo
    clock.set('2026-03-12T10:00:00Z'); // Thursday: week 1 answered six days late
    await answer(1, 2);
    const page = weekPagePath(deps.config, goal, 1, deps.clock.now());
    // "Tuesday" is 17 March by then: in week 3, not the week the plan is for.
    const refused = await post(`${page}/plan`, 'planDay=2&planHour=9&planText=call+three+leads&planEmail=on');
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('That day has already passed in the week this plan is for');
    expect((await current()).plan).toBeUndefined();

    await reply(1, '2\nplan: tue 09 call three leads');
    expect((await current()).plan).toBeUndefined();
    expect((await mail()).some((e) => e.body.text?.includes('That day has already passed in the week this plan is for'))).toBe(true);

    // A day still ahead in that week is kept: Friday 13 March 08:00 Oslo, before the check-in at 15:00.
    expect((await post(`${page}/plan`, 'planDay=5&planHour=8&planText=call+three+leads&planEmail=on')).status).toBe(303);
    expect((await current()).plan).toMatchObject({ week: 2, at: '2026-03-13T07:00:00.000Z' });
    await tickAt(deps, '2026-03-13T07:00:00Z');
    expect(plans(await mail())).toEqual(['Today 08:00: call three leads']);
  });
});
