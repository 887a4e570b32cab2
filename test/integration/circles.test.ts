// A circle of three (nb, en, nb) through three weeks against DynamoDB Local and local SES: starting it from the
// goal page, an email invitation, joining with an existing goal and with a new one (terms and yes, then the
// emailed join link), three digests with the right numbers in each member's language, a cheer across members,
// a member leaving in week 2 and gone from week 3's digest, the shared target, and exactly the expected emails.
import { describe, expect, it } from 'vitest';
import type { Deps } from '../../functions/core/ports.js';
import type { Goal } from '../../functions/core/goal.js';
import { recordAnswer } from '../../functions/core/weekly/record.js';
import { goalPagePath } from '../../functions/core/links/links.js';
import { createApp } from '../../functions/http/app.js';
import { FixedClock, freshTable, TEST_BASE_URL, testDeps } from '../helpers/deps.js';
import { uniqueEmail } from '../helpers/factories.js';
import { anActiveGoal } from '../helpers/goals.js';
import { linksIn, outboxFor, type OutboxEmail } from '../helpers/outbox.js';
import { tickAt } from '../helpers/weekly.js';

const MONDAY = '2026-03-02T09:00:00Z';
// Ola and Per check in on Fridays, Kari on Thursdays, 15:00 Oslo (14:00Z in March).
const FRIDAY = (n: number) => new Date(Date.parse('2026-03-06T14:00:00Z') + (n - 1) * 7 * 86400_000).toISOString();
const THURSDAY = (n: number) => new Date(Date.parse('2026-03-05T14:00:00Z') + (n - 1) * 7 * 86400_000).toISOString();
const later = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

async function setup() {
  const clock = new FixedClock(new Date(MONDAY));
  const deps = testDeps(clock, await freshTable()) as Deps & { clock: FixedClock };
  const app = createApp(deps);
  const post = (path: string, fields: Record<string, string> = {}) =>
    app.request(path, { method: 'POST', body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_BASE_URL } });
  const get = (path: string) => app.request(path);
  const path = (url: string) => new URL(url).pathname;
  const lastLink = async (to: string, prefix: string) => path(linksIn((await outboxFor(to)).at(-1)!, prefix)[0]!);
  return { clock, deps, app, post, get, path, lastLink };
}

type Setup = Awaited<ReturnType<typeof setup>>;

async function answer(s: Setup, goal: Goal, week: number, count: number, at: string) {
  s.clock.set(at);
  await recordAnswer(s.deps, (await s.deps.store.getGoal(goal.owner, goal.id))!, week, { count, source: 'web' });
}

const digestsOf = (emails: OutboxEmail[]) => emails.filter((e) => e.subject.startsWith('Salg:'));

describe('a circle of three through three weeks', () => {
  it('invites, joins, digests, cheers, loses a member and sums the shared target', async () => {
    const s = await setup();
    const ola = await anActiveGoal(s.deps, { email: uniqueEmail('ola'), name: 'Ola', locale: 'nb', perWeek: '3', weeks: '8' });
    const kari = await anActiveGoal(s.deps, { email: uniqueEmail('kari'), name: 'Kari', locale: 'en', perWeek: '2', weeks: '8', weekday: '4', goal: 'Book 2 customer meetings every week this quarter' });

    // Ola starts the circle from the goal page.
    const goalPath = goalPagePath(s.deps.config, ola, s.clock.now());
    expect(await (await s.get(goalPath)).text()).toContain(`${goalPath}/circle`);
    const started = await s.post(`${goalPath}/circle`, { name: 'Salg', memberName: 'Ola', sharedText: 'møter dette kvartalet', sharedTotal: '20' });
    expect(started.status).toBe(303);
    const olaPage = started.headers.get('location')!;
    const page = await (await s.get(olaPage)).text();
    expect(page).toContain('Salg');
    const invitation = s.path(/data-testid="invitation-link"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*data-testid="invitation-link"/.exec(page)!.slice(1).find(Boolean)!);

    s.clock.set('2026-03-02T10:00:00Z');
    // An email invitation to Kari; she says yes to the terms and joins with the goal she has.
    expect((await s.post(`${olaPage}/invite`, { email: kari.owner })).status).toBe(303);
    const invited = await s.lastLink(kari.owner, '/cj/');
    // Kari chose English with her own goal, so her invitation is in English; someone Kompis does not know gets
    // it in the inviter's language.
    const stranger = uniqueEmail('lars');
    expect((await s.post(`${olaPage}/invite`, { email: stranger })).status).toBe(303);
    expect((await outboxFor(stranger)).map((e) => e.subject)).toEqual(['Ola inviterer deg til sirkelen «Salg»']);
    expect(await (await s.get(invited)).text()).toContain('never your email address');
    expect((await s.post(invited, { email: kari.owner, name: 'Kari' })).status).toBe(400); // no yes, no join
    expect((await s.post(invited, { email: kari.owner, name: 'Kari', yes: '1' })).status).toBe(200);
    const joinEmail = (await outboxFor(kari.owner)).at(-1)!;
    expect(joinEmail.body.text).not.toMatch(/said yes|sa ja/); // whoever filled in the form, the address owner has not (F14)
    const kariJoin = await s.lastLink(kari.owner, '/ca/');
    const joinPage = await (await s.get(kariJoin)).text();
    expect(joinPage).toContain(kari.id);
    expect(joinPage).toContain('data-testid="circle-terms"');
    expect(joinPage).toMatch(/name="name"[^>]*value="Kari"|value="Kari"[^>]*name="name"/);
    // The address owner says yes here, under the name they choose: without the yes nothing joins.
    expect((await s.post(kariJoin, { goal: kari.id, name: 'Kari' })).status).toBe(400);
    expect((await s.deps.store.getGoal(kari.owner, kari.id))!.circle).toBeUndefined();
    expect((await s.post(kariJoin, { goal: kari.id, name: 'Kari', yes: '1' })).status).toBe(200);

    s.clock.set('2026-03-02T11:00:00Z');
    // Per has no goal: the join link offers a new one; written and confirmed, the same link joins it.
    const perEmail = uniqueEmail('per');
    expect((await s.post(invitation, { email: perEmail, name: 'Stupid Face', yes: '1' })).status).toBe(200);
    const perJoin = await s.lastLink(perEmail, '/ca/');
    expect(await (await s.get(perJoin)).text()).toContain('/?lang=');
    const per = await anActiveGoal(s.deps, { email: perEmail, name: 'Per', locale: 'nb', perWeek: '1', weeks: '8' });
    expect((await s.post(perJoin, { goal: per.id, name: 'Per', yes: '1' })).status).toBe(200); // Per's own name, not the form filler's
    const circleId = (await s.deps.store.getGoal(per.owner, per.id))!.circle!;
    expect((await s.deps.store.getCircle(circleId))!.members.map((m) => m.name).sort()).toEqual(['Kari', 'Ola', 'Per']);

    // Week 1: everyone answers, so the digest goes at once after the last answer.
    await tickAt(s.deps, THURSDAY(1));
    await answer(s, kari, 1, 2, later(THURSDAY(1), 60));
    await tickAt(s.deps, FRIDAY(1));
    await answer(s, ola, 1, 3, later(FRIDAY(1), 30));
    await answer(s, per, 1, 1, later(FRIDAY(1), 60));
    await tickAt(s.deps, later(FRIDAY(1), 61));
    const [olaDigest1] = digestsOf(await outboxFor(ola.owner));
    const [kariDigest1] = digestsOf(await outboxFor(kari.owner));
    expect(olaDigest1!.subject).toBe('Salg: uke 1');
    expect(kariDigest1!.subject).toBe('Salg: week 1');
    expect(olaDigest1!.body.text).toContain('Kari: 2 / 2 ✓');
    expect(olaDigest1!.body.text).toContain('Per: 1 / 1 ✓');
    expect(kariDigest1!.body.text).toContain('Ola: 3 / 3 ✓');
    expect(kariDigest1!.body.text).toContain('Together: 6 of 20');
    for (const digest of [olaDigest1!, kariDigest1!]) {
      expect(digest.body.text).not.toContain(kari.owner);
      expect(digest.body.text).not.toContain(per.owner);
    }

    // Kari cheers Ola: opening the link changes nothing, the button sends one notice, a second click none.
    const cheer = s.path(/👏 Ola: (\S+)/.exec(kariDigest1!.body.text!)![1]!);
    expect((await s.get(cheer)).status).toBe(200);
    expect((await outboxFor(ola.owner)).filter((e) => e.subject.includes('Kari'))).toHaveLength(0);
    s.clock.set(later(FRIDAY(1), 120));
    expect(await (await s.post(cheer)).text()).toContain('Ola');
    await s.post(cheer);
    expect((await outboxFor(ola.owner)).filter((e) => e.subject.startsWith('Kari heier på deg'))).toHaveLength(1);

    // Week 2: Per does not answer; the digest waits 48 hours after the last check-in of the circle week (Friday's).
    await tickAt(s.deps, THURSDAY(2));
    await answer(s, kari, 2, 4, later(THURSDAY(2), 60));
    await tickAt(s.deps, FRIDAY(2));
    await answer(s, ola, 2, 2, later(FRIDAY(2), 60));
    await tickAt(s.deps, later(FRIDAY(2), 47 * 60));
    expect(digestsOf(await outboxFor(ola.owner))).toHaveLength(1);
    await tickAt(s.deps, later(FRIDAY(2), 48 * 60));
    const olaDigest2 = digestsOf(await outboxFor(ola.owner))[1]!;
    expect(olaDigest2.subject).toBe('Salg: uke 2');
    expect(olaDigest2.body.text).toContain('Per: ikke svart ennå');
    expect(olaDigest2.body.text).toContain('Kari: 4 / 2 ✓');

    // Per leaves in week 2: gone from the circle at once.
    const perPage = s.path(linksIn(digestsOf(await outboxFor(per.owner))[1]!, '/ci/')[0]!);
    s.clock.set(later(FRIDAY(2), 49 * 60));
    expect((await s.post(`${perPage}/leave`)).status).toBe(200);
    expect((await s.get(perPage)).status).toBe(403);
    expect(await (await s.get(olaPage)).text()).not.toContain('Per');

    // Week 3: Ola and Kari answer; the digest holds the two of them and the shared target's sum.
    await tickAt(s.deps, THURSDAY(3));
    await answer(s, kari, 3, 1, later(THURSDAY(3), 60));
    await tickAt(s.deps, FRIDAY(3));
    await answer(s, ola, 3, 4, later(FRIDAY(3), 60));
    await tickAt(s.deps, later(FRIDAY(3), 61));
    const kariDigest3 = digestsOf(await outboxFor(kari.owner))[2]!;
    expect(kariDigest3.subject).toBe('Salg: week 3');
    expect(kariDigest3.body.text).not.toContain('Per');
    expect(kariDigest3.body.text).toContain('Ola: 4 / 3 ✓');
    expect(kariDigest3.body.text).toContain('Together: 16 of 20'); // Ola 3+2+4, Kari 2+4+1

    // Exactly the expected emails, to each of the three.
    const kinds = async (to: string) => (await outboxFor(to)).map((e) => e.subject);
    expect(digestsOf(await outboxFor(ola.owner))).toHaveLength(3);
    expect(digestsOf(await outboxFor(kari.owner))).toHaveLength(3);
    expect(digestsOf(await outboxFor(per.owner))).toHaveLength(2);
    expect(await kinds(ola.owner)).toEqual([
      'Bekreft målet ditt',
      'Uke 1 av 8: hvor mange ble det denne uka?',
      'Salg: uke 1',
      'Kari heier på deg: 👏',
      'Uke 2 av 8: hvor mange ble det denne uka?',
      'Salg: uke 2',
      'Uke 3 av 8: hvor mange ble det denne uka?',
      'Salg: uke 3',
    ]);
    // The invitation comes in Kari's own language, the join link in the language of the page it was asked on.
    expect(await kinds(kari.owner)).toEqual([
      'Confirm your goal',
      'Ola invites you to the circle “Salg”',
      'Join the circle “Salg”',
      'Week 1 of 8: how many this week?',
      'Salg: week 1',
      'Week 2 of 8: how many this week?',
      'Salg: week 2',
      'Week 3 of 8: how many this week?',
      'Salg: week 3',
    ]);
    // Per left in week 2: week 3's check-in, no week 3 digest; week 2's unanswered check-in had its reminder.
    expect(await kinds(per.owner)).toEqual([
      'Join the circle “Salg”',
      'Bekreft målet ditt',
      'Uke 1 av 8: hvor mange ble det denne uka?',
      'Salg: uke 1',
      'Uke 2 av 8: hvor mange ble det denne uka?',
      'Fortsatt tid til å svare for uke 2',
      'Salg: uke 2',
      'Uke 3 av 8: hvor mange ble det denne uka?',
    ]);
  });
});
