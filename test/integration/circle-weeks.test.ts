// Circle weeks that are not a plain number (attack r3 F2, F11), against DynamoDB Local and local SES: a member
// who used a joker is shown as such in the digest, its chart and the circle page, and the week counts as
// answered; a week's check-ins that went out late are waited for, and their answers are in that week's digest.
import { describe, expect, it } from 'vitest';
import type { Goal } from '../../functions/core/goal.js';
import { circlePageUrl } from '../../functions/core/circles/circle-links.js';
import { useJoker } from '../../functions/core/weekly/jokers.js';
import { recordAnswer } from '../../functions/core/weekly/record.js';
import { createApp } from '../../functions/http/app.js';
import { aCircleOfThree } from '../helpers/circle-of-three.js';
import { outboxFor } from '../helpers/outbox.js';
import { tickAt } from '../helpers/weekly.js';

async function aCircle() {
  const s = await aCircleOfThree();
  const fresh = async (goal: Goal) => (await s.deps.store.getGoal(goal.owner, goal.id))!;
  return { ...s, fresh };
}

describe('a jokered week in the circle (attack r3 F2)', () => {
  it('shows "used a joker" in the digest, its chart and the page, and the digest need not wait for it', async () => {
    const s = await aCircle();
    const [ola, kari, per] = s.goals as [Goal, Goal, Goal];
    const checkin = (await s.fresh(ola)).nextCheckinAt!;
    await tickAt(s.deps, checkin);
    s.clock.set(new Date(Date.parse(checkin) + 3600_000));
    await recordAnswer(s.deps, await s.fresh(ola), 1, { count: 3, source: 'click' });
    await recordAnswer(s.deps, await s.fresh(per), 1, { count: 2, source: 'click' });
    await useJoker(s.deps, await s.fresh(kari), 1, 'reply');
    // The circle page says it too.
    const app = createApp(s.deps);
    const page = await (await app.request(new URL(circlePageUrl(s.deps.config, s.circle.id, per, s.clock.now())).pathname)).text();
    expect(page).toContain('brukte en joker denne uka');
    expect(page).not.toContain('ikke svart ennå');
    // Everyone answered (a joker is an answer): the digest goes in the next tick, not 48 hours later.
    await tickAt(s.deps, s.clock.now().toISOString());
    const olaDigest = (await outboxFor(ola.owner)).find((e) => e.subject.startsWith('Salg'))!;
    expect(olaDigest.body.text).toContain('- Kari: brukte en joker denne uka');
    expect(olaDigest.body.text).toMatch(/^\s*Kari: brukte en joker denne uka$/m); // the chart's line
    expect(olaDigest.body.text).not.toContain('ikke svart ennå');
    expect(olaDigest.body.html).toContain('brukte en joker denne uka');
    const kariDigest = (await outboxFor(kari.owner)).find((e) => e.subject.startsWith('Salg'))!;
    expect(kariDigest.body.text).toContain('- Kari: used a joker this week');
  });
});

describe('check-ins that went out late (attack r3 F11)', () => {
  it('holds the digest for them, and shows their answers in that week\'s digest', async () => {
    const s = await aCircle();
    const [ola, kari, per] = s.goals as [Goal, Goal, Goal];
    const scheduled = (await s.fresh(ola)).nextCheckinAt!;
    // The tick was down for two weeks: week 1's check-ins go out now, long after the 48-hour fallback.
    const late = new Date(Date.parse(scheduled) + 14 * 86400_000 + 5 * 60_000).toISOString();
    s.clock.set(late);
    await tickAt(s.deps, late);
    expect((await outboxFor(ola.owner)).filter((e) => e.subject.startsWith('Salg'))).toEqual([]);
    s.clock.set(new Date(Date.parse(late) + 3600_000));
    await recordAnswer(s.deps, await s.fresh(ola), 1, { count: 1, source: 'click' });
    await recordAnswer(s.deps, await s.fresh(kari), 1, { count: 4, source: 'reply' });
    await tickAt(s.deps, s.clock.now().toISOString());
    expect((await outboxFor(per.owner)).filter((e) => e.subject.startsWith('Salg'))).toEqual([]);
    // Per never answers: the digest goes 48 hours after the check-ins actually went out, with both numbers.
    const after = new Date(Date.parse(late) + 48 * 3600_000 + 10 * 60_000).toISOString();
    s.clock.set(after);
    await tickAt(s.deps, after);
    const digest = (await outboxFor(per.owner)).filter((e) => e.subject.startsWith('Salg'));
    expect(digest).toHaveLength(1);
    expect(digest[0]!.body.text).toMatch(/- Ola: 1 \//);
    expect(digest[0]!.body.text).toMatch(/- Kari: 4 \//);
    expect(digest[0]!.body.text).toContain('- Per: ikke svart ennå');
  });
});
