// The walk, automated: a 6-week goal with a buddy lived through tick by tick on DynamoDB Local and
// local SES — a plan on the week page and its email at the local hour, a zero week and the welcome back, the
// one week left unanswered and its reminder (none for the others), "back on track", a joker by reply,
// the mid-period "what is working" email, "status" by reply, the final report — and the outbox holds exactly the emails expected, no more.
import { describe, expect, it } from 'vitest';
import { weekPagePath } from '../../functions/core/links/links.js';
import { uniqueEmail } from '../helpers/factories.js';
import { loopSetup, plus } from '../helpers/loop.js';
import { outboxFor } from '../helpers/outbox.js';
import { tickAt } from '../helpers/weekly.js';

describe('six weeks of the weekly loop', () => {
  it('sends exactly the emails the weeks call for', { timeout: 120_000 }, async () => {
    const buddy = uniqueEmail('kari');
    const { deps, clock, goal, post, answer, reply, mail, current, buddyAccepts } = await loopSetup({ weeks: '6', buddyName: 'Kari', buddyEmail: buddy });
    await buddyAccepts(buddy);

    /** Week `week`: its check-in, then what the owner does `after` hours later, then every tick that may send. */
    const live = async (week: number, after: number, act: () => Promise<unknown>) => {
      const at = (await current()).nextCheckinAt!;
      const ticks = [at, plus(at, 3), plus(at, 24), plus(at, 30), plus(at, 50)];
      for (const time of ticks) if (time <= plus(at, after)) await tickAt(deps, time);
      clock.set(plus(at, after));
      await act();
      const plan = (await current()).plan;
      const later = [plus(at, after + 0.1), ...ticks, ...(plan?.at && plan.week === week + 1 ? [plan.at] : [])];
      for (const time of later.sort()) if (time > plus(at, after)) await tickAt(deps, time);
    };
    const checkinText = async (week: number) => (await mail()).find((e) => e.subject === `Week ${week} of 6: how many this week?`)!.body.text!;

    const weekPage = (week: number) => weekPagePath(deps.config, goal, week, deps.clock.now());
    await live(1, 2, async () => {
      expect((await post(weekPage(1), 'count=2&note=&channel=event')).status).toBe(303);
      const page = weekPage(1);
      expect((await post(`${page}/plan`, 'planDay=4&planHour=8&planText=coffee+with+2+CFOs&planEmail=on')).status).toBe(303);
    });
    await live(2, 2, () => reply(2, '0'));
    expect(await checkinText(2)).toContain('Your plan this week — Thursday 08:00: coffee with 2 CFOs.');
    await live(3, 26, () => reply(3, '3 (2 referral, 1 event)')); // forgot, reminded, answered with a split by channel
    expect(await checkinText(3)).toContain('Last week you recorded 0. Welcome back');
    await live(4, 2, () => reply(4, 'joker'));
    expect(await checkinText(4)).toContain('Last week you recorded 3: back on track after a missed week. Where they came from: referrals (2), events (1).');
    await live(5, 2, async () => {
      await answer(5, 2);
      await reply(5, 'status');
    });
    expect(await checkinText(5)).toContain('Last week you used a joker.');
    expect(await checkinText(5)).toContain('5 to go in 2 weeks.');
    await live(6, 2, () => answer(6, 3));

    const owner = await mail();
    expect(owner.map((e) => e.subject)).toEqual([
      'Confirm your goal',
      'Kari is your buddy',
      'Week 1 of 6: how many this week?',
      'Today 08:00: coffee with 2 CFOs',
      'Week 2 of 6: how many this week?',
      'Re: Week 2: how many this week?',
      'Week 3 of 6: how many this week?',
      'Still time to answer week 3',
      'Re: Week 3: how many this week?',
      'Week 4 of 6: how many this week?',
      'Re: Week 4: how many this week?',
      'Halfway: what is working?',
      'Week 5 of 6: how many this week?',
      'Re: Week 5: how many this week?',
      'Week 6 of 6: how many this week?',
      'You reached your goal: 10 in 6 weeks',
    ]);
    // The plan's email at 08:00 Oslo on Thursday 12 March; the status answer with a fresh goal-page link.
    expect((await current()).plan).toMatchObject({ week: 2, at: '2026-03-12T07:00:00.000Z', done: true });
    expect(owner[13]!.body.text).toContain('Where you stand');
    expect(owner[13]!.body.text).toMatch(/\/g\/[\w-]+/);
    expect(owner[10]!.body.text).toContain('Joker used for week 4');
    // Halfway, a day after week 4's check-in: what worked in weeks 1–3.
    expect(owner[11]!.body.text).toContain('So far: 5 in 3 weeks, of 10 for the whole goal. Most came from events (3), then referrals (2).');
    expect(owner[11]!.body.text).toContain('Shift more of your effort there');

    expect((await outboxFor(buddy)).map((e) => e.subject)).toEqual([
      `${goal.owner} asks you to be their buddy`,
      'Week 1 of 6: 2 this week, target reached',
      'Week 2 of 6: 0 this week, 2 short of 2',
      'Week 3 of 6: 3 this week, target reached',
      'Week 4 of 6: used a joker',
      'Week 5 of 6: 2 this week, target reached',
      'Week 6 of 6: 3 this week, target reached',
      'Goal reached: 10 in 6 weeks',
    ]);
    expect((await outboxFor(buddy))[1]!.body.text).toContain('Plan for next week — Thursday 08:00: coffee with 2 CFOs.');
    expect((await current()).status).toBe('completed');
  });
});
