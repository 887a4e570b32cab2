// Jokers on DynamoDB Local and local SES: the budget shown in every check-in, one used by reply or on the
// week page, the week out of the goal's target, the buddy told "used a joker", no reminder for the week.
import { describe, expect, it } from 'vitest';
import { weekPagePath } from '../../functions/core/links/links.js';
import { summarize } from '../../functions/core/progress/progress.js';
import { jokerBudget } from '../../functions/core/weekly/jokers.js';
import { recordAnswer } from '../../functions/core/weekly/record.js';
import { aGoal, uniqueEmail } from '../helpers/factories.js';
import { loopSetup, plus, WEEK } from '../helpers/loop.js';
import { outboxFor } from '../helpers/outbox.js';
import { tickAt } from '../helpers/weekly.js';

const setup = loopSetup;

describe('jokers', () => {
  it('come one per six weeks, at least one', () => {
    expect([1, 3, 6, 11, 12, 13, 52].map((weeks) => jokerBudget(aGoal({ weeks })))).toEqual([1, 1, 1, 1, 2, 2, 8]);
    expect(jokerBudget(aGoal({ weeks: 13, jokers: 3 }))).toBe(3);
  });

  it('used by reply: the week leaves the target, no reminder, the buddy sees "used a joker", the next check-in counts down', async () => {
    const buddy = uniqueEmail('kari');
    const { deps, clock, goal, current, reply, mail, buddyAccepts } = await setup({ buddyName: 'Kari', buddyEmail: buddy });
    await buddyAccepts(buddy);

    await tickAt(deps, WEEK(1));
    const [checkin] = (await mail()).filter((e) => e.subject.startsWith('Week 1'));
    expect(checkin!.body.text).toContain('1 joker left: reply “joker”');

    clock.set(plus(WEEK(1), 3));
    await reply(1, 'Joker for this week, please');
    const readBack = (await mail()).find((e) => e.body.text?.includes('Joker used for week 1'));
    expect(readBack?.body.text).toContain('does not count against your goal');
    expect(readBack?.body.text).toContain('No jokers left for this goal.');
    const answers = await deps.store.getWeekAnswers(goal.id);
    expect(answers.find((a) => a.week === 1)).toMatchObject({ joker: true, source: 'reply' });
    expect(summarize(await current(), answers)).toMatchObject({ targetTotal: 4, rows: [expect.objectContaining({ state: 'joker' }), expect.anything(), expect.anything()] });

    await tickAt(deps, plus(WEEK(1), 30));
    expect((await mail()).filter((e) => e.subject.startsWith('Still time'))).toHaveLength(0);
    expect((await outboxFor(buddy)).map((e) => e.subject)).toContain('Week 1 of 3: used a joker');
    expect((await outboxFor(buddy)).find((e) => e.subject === 'Week 1 of 3: used a joker')!.body.text).toContain('used a joker in week 1');

    await tickAt(deps, WEEK(2));
    const [week2] = (await mail()).filter((e) => e.subject.startsWith('Week 2'));
    expect(week2!.body.text).toContain('No jokers left for this goal.');
    expect(week2!.body.text).toMatch(/Week 1: joker/);

    // None left: a second joker is refused in words, and the week stays as it was.
    clock.set(plus(WEEK(2), 1));
    await reply(2, 'joker');
    expect((await mail()).some((e) => e.body.text?.includes('No joker used') && e.body.text.includes('no jokers left'))).toBe(true);
    expect((await deps.store.getWeekAnswers(goal.id)).find((a) => a.week === 2)).toBeUndefined();
  });

  it('used on the week page; a number recorded later replaces it and gives it back', async () => {
    const { deps, clock, goal, app, current, mail, post } = await setup({ weeks: '6' });
    await tickAt(deps, WEEK(1));
    clock.set(plus(WEEK(1), 1));
    const page = weekPagePath(deps.config, goal, 1, deps.clock.now());
    expect(await (await app.request(page)).text()).toContain('Use a joker for week 1');
    const used = await post(`${page}/joker`);
    expect(used.status).toBe(303);
    const after = await (await app.request(page)).text();
    expect(after).toContain('You used a joker for week 1');
    expect(after).not.toContain('Use a joker for week 1');
    expect(summarize(await current(), await deps.store.getWeekAnswers(goal.id)).targetTotal).toBe(10);

    await recordAnswer(deps, await current(), 1, { count: 1, source: 'click' });
    const answer = (await deps.store.getWeekAnswers(goal.id)).find((a) => a.week === 1);
    expect(answer).toMatchObject({ count: 1 });
    expect(answer?.joker).toBeUndefined();
    await tickAt(deps, WEEK(2));
    expect((await mail()).find((e) => e.subject.startsWith('Week 2'))!.body.text).toContain('1 joker left');
  });

  it('is refused for a week that has a number', async () => {
    const { deps, clock, goal, app, current, post } = await setup();
    await tickAt(deps, WEEK(1));
    clock.set(plus(WEEK(1), 1));
    await recordAnswer(deps, await current(), 1, { count: 2, source: 'click' });
    const page = weekPagePath(deps.config, goal, 1, deps.clock.now());
    expect(await (await app.request(page)).text()).not.toContain('Use a joker');
    const refused = await post(`${page}/joker`);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('already has a number');
    expect((await deps.store.getWeekAnswers(goal.id)).find((a) => a.week === 1)).toMatchObject({ count: 2 });
  });
});
