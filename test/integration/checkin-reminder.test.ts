// One reminder, only when needed: tick → queue → send on DynamoDB Local and local SES, each test on a
// table of its own. 24 hours after an unanswered check-in, one short email with the same buttons; none
// once the week is answered, none while paused, none when turned off; the buddy's report waits for it.
import { describe, expect, it } from 'vitest';
import { pauseGoal, resumeGoal } from '../../functions/core/goals/actions.js';
import { goalPagePath } from '../../functions/core/links/links.js';
import { uniqueEmail } from '../helpers/factories.js';
import { loopSetup, plus, WEEK } from '../helpers/loop.js';
import { linksIn, outboxFor } from '../helpers/outbox.js';
import { tickAt } from '../helpers/weekly.js';

async function setup(fields: Record<string, string> = {}) {
  const loop = await loopSetup(fields);
  const reminders = async () => (await loop.mail()).filter((e) => e.subject.startsWith('Still time'));
  return { ...loop, reminders };
}

describe('the one reminder', () => {
  it('goes 24 hours after an unanswered check-in, once, with the same buttons and reply address', async () => {
    const { deps, goal, reminders } = await setup();
    await tickAt(deps, WEEK(1));
    await tickAt(deps, plus(WEEK(1), 23.9));
    expect(await reminders()).toHaveLength(0);
    await tickAt(deps, plus(WEEK(1), 24));
    await tickAt(deps, plus(WEEK(1), 25)); // a later tick finds nothing more to send
    const sent = await reminders();
    expect(sent.map((e) => e.subject)).toEqual(['Still time to answer week 1']);
    const [checkin] = (await outboxFor(goal.owner)).filter((e) => e.subject.startsWith('Week 1'));
    expect(linksIn(sent[0]!, '/r/')).toHaveLength(linksIn(checkin!, '/r/').length);
    expect(sent[0]!.replyTo).toEqual(checkin!.replyTo);
    expect(sent[0]!.body.text).toContain('forgot to report');
    expect((await deps.store.getGoal(goal.owner, goal.id))?.reminder).toBeUndefined();
  });

  it('is not sent for an answered week, and is for the one week left unanswered', async () => {
    const { deps, clock, reminders, answer } = await setup();
    for (const week of [1, 2, 3]) {
      await tickAt(deps, WEEK(week));
      clock.set(plus(WEEK(week), 2));
      if (week !== 2) await answer(week, 2);
      await tickAt(deps, plus(WEEK(week), 30));
    }
    expect((await reminders()).map((e) => e.subject)).toEqual(['Still time to answer week 2']);
  });

  it('is not sent while the goal is paused, nor after it resumes', async () => {
    const { deps, clock, goal, reminders } = await setup();
    await tickAt(deps, WEEK(1));
    clock.set(plus(WEEK(1), 2));
    const ref = { owner: goal.owner, goalId: goal.id };
    await pauseGoal(deps, ref);
    await tickAt(deps, plus(WEEK(1), 30));
    clock.set(plus(WEEK(1), 40));
    await resumeGoal(deps, ref);
    await tickAt(deps, plus(WEEK(1), 41));
    expect(await reminders()).toHaveLength(0);
  });

  it('is overtaken by the next check-in when the tick comes late', async () => {
    const { deps, reminders } = await setup();
    await tickAt(deps, WEEK(1));
    await tickAt(deps, WEEK(2));
    expect(await reminders()).toHaveLength(0);
    await tickAt(deps, plus(WEEK(2), 24));
    expect((await reminders()).map((e) => e.subject)).toEqual(['Still time to answer week 2']);
  });

  it('can be turned off and on again on the goal page', async () => {
    const { deps, goal, reminders, app, post: postTo } = await setup();
    const page = goalPagePath(deps.config, goal, deps.clock.now());
    const post = (body: string) => postTo(`${page}/loop`, body);
    expect(await (await app.request(page)).text()).toContain('Send me one reminder when a check-in has no answer after 24 hours');

    expect((await post('')).status).toBe(303);
    expect((await deps.store.getGoal(goal.owner, goal.id))).toMatchObject({ remindersOff: true, midReportOff: true });
    await tickAt(deps, WEEK(1));
    await tickAt(deps, plus(WEEK(1), 30));
    expect(await reminders()).toHaveLength(0);

    expect((await post('reminders=on')).status).toBe(303);
    await tickAt(deps, WEEK(2));
    await tickAt(deps, plus(WEEK(2), 30));
    expect((await reminders()).map((e) => e.subject)).toEqual(['Still time to answer week 2']);
    expect((await post('reminders=yes')).status).toBe(400);
  });

  it('comes before the buddy hears of an unanswered week, and an answer after it reaches the buddy within the hour', async () => {
    const buddy = uniqueEmail('kari');
    const { deps, clock, reminders, answer, buddyAccepts } = await setup({ buddyName: 'Kari', buddyEmail: buddy });
    await buddyAccepts(buddy);
    const buddyWeekly = async () => (await outboxFor(buddy)).filter((e) => /week 1/i.test(e.subject));

    await tickAt(deps, WEEK(1));
    await tickAt(deps, plus(WEEK(1), 24));
    expect(await reminders()).toHaveLength(1);
    expect(await buddyWeekly()).toHaveLength(0);
    clock.set(plus(WEEK(1), 26));
    await answer(1, 3);
    await tickAt(deps, plus(WEEK(1), 26.5));
    expect(await buddyWeekly()).toHaveLength(0);
    await tickAt(deps, plus(WEEK(1), 27));
    expect(await buddyWeekly()).toHaveLength(1);
  });
});
