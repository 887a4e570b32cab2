// Members who check in on different weekdays (attack F13): one circle email a week, with everyone's week in
// it. Kari checks in Fridays 15:00, Per Mondays 09:00 (Oslo); the circle starts on a Saturday; the ticks are
// the tester's `kompis tick --at` steps. Also: a member who asks for no more email leaves the circle (F15),
// removed members and members of a closed circle get one notice in their language (F16), and the organiser
// trying to leave is told to close the circle, in their goal's language (F17).
import { describe, expect, it } from 'vitest';
import type { Deps } from '../../functions/core/ports.js';
import { stopAllEmail } from '../../functions/core/goals/stop-all-email.js';
import { closeCircle, dropMember, joinCircle, startCircle } from '../../functions/core/circles/membership.js';
import { circleInvitationUrl, circlePageUrl } from '../../functions/core/circles/circle-links.js';
import { createApp } from '../../functions/http/app.js';
import { FixedClock, freshTable, TEST_BASE_URL, testDeps } from '../helpers/deps.js';
import { uniqueEmail } from '../helpers/factories.js';
import { anActiveGoal } from '../helpers/goals.js';
import { outboxFor } from '../helpers/outbox.js';
import { tickAt } from '../helpers/weekly.js';

async function twoWeekdays(start = '2026-12-19T11:00:00Z') {
  const clock = new FixedClock(new Date(start));
  const deps = testDeps(clock, await freshTable()) as Deps & { clock: FixedClock };
  const kari = await anActiveGoal(deps, { email: uniqueEmail('kari'), name: 'Kari', locale: 'nb', weekday: '5', hour: '15' });
  const per = await anActiveGoal(deps, { email: uniqueEmail('per'), name: 'Per', locale: 'en', weekday: '1', hour: '9' });
  const circle = await startCircle(deps, kari, { name: 'Weekdays', memberName: 'Kari' });
  await joinCircle(deps, circle.id, (await deps.store.getGoal(per.owner, per.id))!, 'Per');
  return { clock, deps, kari, per, circle };
}

const digests = async (to: string) => (await outboxFor(to)).filter((e) => e.subject.startsWith('Weekdays:'));

describe('a circle whose members check in on different weekdays', () => {
  it('sends one digest a week, 48 hours after the last check-in of the week, with both members in it', async () => {
    const { deps, kari, per } = await twoWeekdays();
    const steps = ['2026-12-21T09:05+01:00', '2026-12-23T09:10+01:00', '2026-12-25T15:05+01:00', '2026-12-27T15:10+01:00', '2026-12-28T09:05+01:00', '2026-12-30T09:10+01:00', '2027-01-01T15:05+01:00', '2027-01-03T15:10+01:00'];
    const counts: number[] = [];
    for (const at of steps) {
      await tickAt(deps, new Date(at).toISOString());
      counts.push((await digests(kari.owner)).length);
    }
    // Not on Wednesday after Per's Monday check-in: only on Sunday, after Kari's Friday one.
    expect(counts).toEqual([0, 0, 0, 1, 1, 1, 1, 2]);
    const kariDigests = await digests(kari.owner);
    expect(kariDigests.map((e) => e.subject)).toEqual(['Weekdays: uke 1', 'Weekdays: uke 2']);
    // Per's first check-in is Monday 28 December (a goal's first week starts a few days after signing up):
    // week 2 holds both members' check-ins, neither shown as "no check-in this week".
    expect(kariDigests[1]!.body.text).toContain('Per: ikke svart ennå');
    expect(kariDigests[1]!.body.text).toContain('Kari: ikke svart ennå');
    expect(kariDigests[1]!.body.text).not.toContain('ingen innsjekk denne uka');
    expect((await digests(per.owner)).map((e) => e.subject)).toEqual(['Weekdays: week 1', 'Weekdays: week 2']);
  });
});

describe('leaving a circle without choosing to', () => {
  it('"never email me again" takes the member out of the circle, and the digest no longer waits for them (F15)', async () => {
    const { deps, per, circle } = await twoWeekdays();
    await stopAllEmail(deps, per.owner);
    const items = (await deps.store.getCircle(circle.id))!;
    expect(items.members.map((m) => m.name)).toEqual(['Kari']);
    expect((await deps.store.getGoal(per.owner, per.id))!.circle).toBeUndefined();
  });

  it('a removed member and the members of a closed circle get one notice in their language; the organiser none (F16)', async () => {
    const { deps, kari, per, circle } = await twoWeekdays();
    await dropMember(deps, circle.id, per.id, 'removed');
    expect((await outboxFor(per.owner)).at(-1)!.subject).toBe('You are no longer in the circle “Weekdays”');

    const again = await twoWeekdays();
    await closeCircle(again.deps, again.circle.id);
    await closeCircle(again.deps, again.circle.id);
    const perNotices = (await outboxFor(again.per.owner)).filter((e) => e.subject.includes('is closed'));
    expect(perNotices.map((e) => e.subject)).toEqual(['The circle “Weekdays” is closed']);
    expect((await outboxFor(again.kari.owner)).filter((e) => e.subject.includes('Weekdays'))).toHaveLength(0);
    expect(kari.locale).toBe('nb');
  });
});

describe('the organiser trying to leave (F17)', () => {
  it('is told to close the circle instead, in the goal\'s language whatever the browser asks', async () => {
    const { deps, kari, per, circle } = await twoWeekdays();
    const app = createApp(deps);
    const page = new URL(circlePageUrl(deps.config, circle.id, kari, deps.clock.now())).pathname;
    const post = (path: string, fields: Record<string, string> = {}) =>
      app.request(path, { method: 'POST', body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_BASE_URL, 'accept-language': 'en' } });
    for (const refused of [await post(`${page}/leave`), await post(`${page}/remove`, { member: kari.id })]) {
      expect(refused.status).toBe(403);
      const text = await refused.text();
      expect(text).toContain('stenger du sirkelen');
      expect(text).not.toContain('not a member');
    }
    expect((await deps.store.getCircle(circle.id))!.members.map((m) => m.goalId).sort()).toEqual([kari.id, per.id].sort());
  });
});

describe('refusals and join links in the person’s own language (re-attack R4)', () => {
  it('says "closed" and "not a member" in the goal’s language, and emails the join link in the address’s', async () => {
    const { deps, kari, per, circle } = await twoWeekdays();
    const app = createApp(deps);
    const english = { 'accept-language': 'en' };
    const kariPage = new URL(circlePageUrl(deps.config, circle.id, kari, deps.clock.now())).pathname;
    const perPage = new URL(circlePageUrl(deps.config, circle.id, per, deps.clock.now())).pathname;

    // A Norwegian stranger (known from their own goal) says yes on the invitation in an English browser.
    const lars = await anActiveGoal(deps, { email: uniqueEmail('lars'), locale: 'nb' });
    const invitation = new URL(circleInvitationUrl(deps.config, circle, deps.clock.now())).pathname;
    const yes = await app.request(invitation, {
      method: 'POST',
      body: new URLSearchParams({ email: lars.owner, name: 'Lars', yes: '1' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_BASE_URL, ...english },
    });
    expect(yes.status).toBe(200);
    expect((await outboxFor(lars.owner)).at(-1)!.subject).toBe('Bli med i sirkelen «Weekdays»');

    await dropMember(deps, circle.id, per.id);
    const gone = await app.request(perPage, { headers: { 'accept-language': 'nb' } });
    expect(gone.status).toBe(403);
    expect(await gone.text()).toContain('This link is not a member’s link for this circle any more.');

    await closeCircle(deps, circle.id);
    const closed = await app.request(kariPage, { headers: english });
    expect(closed.status).toBe(410);
    expect(await closed.text()).toContain('Denne sirkelen er lukket');
  });
});
