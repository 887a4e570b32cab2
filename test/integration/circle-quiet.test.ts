// The circle email's one-click unsubscribe (RFC 8058) against DynamoDB Local and local SES: the digest's
// List-Unsubscribe link stops that member's circle email and nothing else (they stay in the circle, seen by
// the others, their check-ins go on); a GET only asks; the member turns it on again from the answer or from
// their circle page; the link of someone who left opens nothing.
import { describe, expect, it } from 'vitest';
import { digestEmail } from '../../functions/core/circles/digest-email.js';
import { dropMember, joinCircle, setCircleEmail, updateCircle } from '../../functions/core/circles/membership.js';
import { recordAnswer } from '../../functions/core/weekly/record.js';
import { aCircleOnTheApp } from '../helpers/circle-setup.js';
import { outboxFor } from '../helpers/outbox.js';
import { tickAt } from '../helpers/weekly.js';

type Setup = Awaited<ReturnType<typeof aCircleOnTheApp>>;

/** The List-Unsubscribe URL of the digest the circle would send this member now, as a local path. */
async function unsubscribePath(s: Setup, goalId: string): Promise<string> {
  const items = (await s.deps.store.getCircle(s.circle.id))!;
  const email = digestEmail(s.deps.config, items, items.members.find((m) => m.goalId === goalId)!, s.clock.now());
  expect(email.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  return new URL(/^<([^>]+)>$/.exec(email.headers!['List-Unsubscribe']!)![1]!).pathname;
}

/** What a mail provider sends: a POST with the RFC 8058 body, no Origin, no cookie. */
const oneClick = (s: Setup, path: string) =>
  s.app.request(path, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });

/** One circle week: every member's check-in, each answers, and the digest's time comes. */
async function week(s: Setup, n: number) {
  const first = (await s.deps.store.getGoal(s.goals[0]!.owner, s.goals[0]!.id))!.nextCheckinAt!;
  await tickAt(s.deps, first);
  s.clock.set(new Date(Date.parse(first) + 3600_000));
  for (const goal of s.goals) {
    const current = (await s.deps.store.getGoal(goal.owner, goal.id))!;
    if (current.circle === s.circle.id) await recordAnswer(s.deps, current, n, { count: 2, source: 'click' });
  }
  await tickAt(s.deps, new Date(Date.parse(first) + 49 * 3600_000).toISOString());
}

const digests = async (to: string) => (await outboxFor(to)).filter((e) => /^Salg: (uke|week) \d+$/.test(e.subject)).map((e) => e.subject);

describe('the circle email’s one-click unsubscribe', () => {
  it('stops only that member’s circle email, and they turn it on again', async () => {
    const s = await aCircleOnTheApp(3);
    const [ola, kari, per] = s.goals as [NonNullable<Setup['goals'][0]>, NonNullable<Setup['goals'][0]>, NonNullable<Setup['goals'][0]>];
    const quiet = await unsubscribePath(s, kari.id);
    expect(quiet).toMatch(/^\/cq\//);

    // A scanner's GET asks and changes nothing.
    const before = await s.snapshot();
    const asked = await s.get(quiet);
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('Stop the circle email from “Salg”?');
    expect(await s.snapshot()).toEqual(before);

    // The provider's POST, without an Origin: done, with a way back; no page of the circle in the answer.
    const done = await oneClick(s, quiet);
    expect(done.status).toBe(200);
    const page = await done.text();
    expect(page).toContain('No more circle emails from “Salg”');
    expect(page).not.toContain('/ci/');
    expect((await s.deps.store.getCircle(s.circle.id))!.circle.quiet).toEqual([kari.id]);
    expect((await oneClick(s, quiet)).status).toBe(200); // a provider's retry
    expect((await s.deps.store.getCircle(s.circle.id))!.circle.quiet).toEqual([kari.id]);

    // Week 1: Kari's check-in still comes; the digest goes to the others, and shows Kari's week.
    await week(s, 1);
    expect(await digests(kari.owner)).toEqual([]);
    expect((await outboxFor(kari.owner)).map((e) => e.subject)).toContain('Week 1 of 13: how many this week?');
    expect(await digests(ola.owner)).toEqual(['Salg: uke 1']);
    expect(await digests(per.owner)).toEqual(['Salg: uke 1']);
    expect((await outboxFor(ola.owner)).find((e) => e.subject === 'Salg: uke 1')!.body.text).toContain('Member 1: 2 / ');

    // Her circle page says so and turns it on; only from our pages (an Origin), never one-click below /cq.
    const kariPage = s.page(kari);
    expect(await (await s.get(kariPage)).text()).toContain('You get no circle email (you stopped it).');
    expect((await oneClick(s, `${quiet}/on`)).status).toBe(403);
    expect((await oneClick(s, `${kariPage}/email-on`)).status).toBe(403);
    expect((await s.post(`${kariPage}/email-on`)).status).toBe(303);
    expect((await s.deps.store.getCircle(s.circle.id))!.circle.quiet).toEqual([]);
    expect(await (await s.get(kariPage)).text()).not.toContain('you stopped it');

    await week(s, 2);
    expect(await digests(kari.owner)).toEqual(['Salg: week 2']);
  });

  it('turns it on again from the answer, and opens nothing once the member has left', async () => {
    const s = await aCircleOnTheApp(2);
    const member = s.goals[1]!;
    const quiet = await unsubscribePath(s, member.id);
    await oneClick(s, quiet);
    const on = await s.post(`${quiet}/on`);
    expect(on.status).toBe(200);
    expect(await on.text()).toContain('The circle email comes again from next week.');
    expect((await s.deps.store.getCircle(s.circle.id))!.circle.quiet).toEqual([]);

    await oneClick(s, quiet);
    expect((await s.post(`${s.page(member)}/leave`)).status).toBe(200);
    // Leaving takes the member out of the quiet list too: the circle keeps no trace of them.
    expect((await s.deps.store.getCircle(s.circle.id))!.circle.quiet).toEqual([]);
    const before = await s.snapshot();
    const after = await oneClick(s, quiet);
    expect(after.status).toBeGreaterThanOrEqual(400);
    expect(after.status).toBeLessThan(500);
    expect(await s.snapshot()).toEqual(before);
  });

  it('never mutes a goal that left, even when the one-click POST lands after the leave (re-attack R1)', async () => {
    const s = await aCircleOnTheApp(2);
    const member = s.goals[1]!;
    // The route saw a member; by the time it saves, the member has left.
    await dropMember(s.deps, s.circle.id, member.id);
    await setCircleEmail(s.deps, s.circle.id, member.id, false);
    expect((await s.deps.store.getCircle(s.circle.id))!.circle.quiet ?? []).toEqual([]);
    // A mute left from before (a circle saved before this fix) does not follow the goal back in.
    await updateCircle(s.deps, s.circle.id, () => ({ quiet: [member.id] }));
    await joinCircle(s.deps, s.circle.id, (await s.deps.store.getGoal(member.owner, member.id))!, 'Member 1');
    expect((await s.deps.store.getCircle(s.circle.id))!.circle.quiet).toEqual([]);
  });

  it('keeps the membership and the mute in step under a leave and a provider’s retries at once', async () => {
    const s = await aCircleOnTheApp(2);
    const member = s.goals[1]!;
    const quiet = await unsubscribePath(s, member.id);
    await Promise.all([s.post(`${s.page(member)}/leave`), ...Array.from({ length: 12 }, () => oneClick(s, quiet))]);
    const { circle } = (await s.deps.store.getCircle(s.circle.id))!;
    expect(circle.memberIds).toEqual([s.goals[0]!.id]);
    expect(circle.quiet ?? []).toEqual([]);
  });
});
