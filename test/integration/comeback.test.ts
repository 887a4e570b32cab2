// Come back, not give up, through the real loop: a zero week, the welcome back in the next check-in, and
// "back on track" in the read-back of a reply and on the week page.
import { describe, expect, it } from 'vitest';
import { weekPagePath } from '../../functions/core/links/links.js';
import { loopSetup, plus, WEEK } from '../helpers/loop.js';
import { tickAt } from '../helpers/weekly.js';

describe('coming back after a missed week', () => {
  it('welcomes back after a zero week and says "back on track" when the next week is answered', async () => {
    const { deps, clock, goal, app, answer, reply, mail } = await loopSetup();
    await tickAt(deps, WEEK(1));
    clock.set(plus(WEEK(1), 2));
    await answer(1, 0);
    await tickAt(deps, WEEK(2));
    const week2 = (await mail()).find((e) => e.subject.startsWith('Week 2'))!;
    expect(week2.body.text).toContain('Last week you recorded 0. Welcome back');
    expect(week2.body.text).toContain('So far: 0 in 1 week.');

    clock.set(plus(WEEK(2), 2));
    await reply(2, '2');
    expect((await mail()).some((e) => e.body.text?.includes('Recorded 2 for week 2') && e.body.text.includes('Back on track!'))).toBe(true);
    expect(await (await app.request(weekPagePath(deps.config, goal, 2, deps.clock.now()))).text()).toContain('Back on track!');
    expect(await (await app.request(weekPagePath(deps.config, goal, 1, deps.clock.now()))).text()).not.toContain('Back on track!');

    await tickAt(deps, WEEK(3));
    const week3 = (await mail()).find((e) => e.subject.startsWith('Week 3'))!;
    expect(week3.body.text).toContain('Last week you recorded 2: back on track after a missed week.');
    expect(week3.body.text).toContain('4 to go in 1 week.');
  });
});
