// Membership rules held by the writes, against DynamoDB Local (attack r3, F1/F5/F9/F10): concurrent joins never
// make a ninth member, a double-clicked "Start a circle" or two joins at once never put one goal in two circles,
// a member the organiser removed cannot come back with links they already hold (until the organiser invites
// them again), and a closed circle keeps no address and no marks.
import { describe, expect, it } from 'vitest';
import type { Goal } from '../../functions/core/goal.js';
import { goalPagePath } from '../../functions/core/links/links.js';
import { circleChangeUrl, circleJoinUrl } from '../../functions/core/circles/circle-links.js';
import { joinCircle, startCircle } from '../../functions/core/circles/membership.js';
import { CircleFull, CircleTaken, RemovedFromCircle } from '../../functions/core/circles/circle-errors.js';
import { deleteEverything } from '../../functions/core/goals/delete-everything.js';
import { uniqueEmail } from '../helpers/factories.js';
import { anActiveGoal } from '../helpers/goals.js';
import { aCircleOnTheApp } from '../helpers/circle-setup.js';

const setup = aCircleOnTheApp;

const path = (url: string) => new URL(url).pathname;
const memberItems = (items: string[], circleId: string) => items.filter((i) => i.includes(`"CIRCLE#${circleId}"`) && i.includes('"MEMBER#'));

describe('the member limit under concurrent joins', () => {
  it('lets 6 of 8 simultaneous joins into a circle of 2, and refuses the rest as full', async () => {
    const s = await setup(2);
    const joiners = await Promise.all(Array.from({ length: 8 }, (_, i) => anActiveGoal(s.deps, { email: uniqueEmail(`j${i}`), locale: 'en' })));
    const results = await Promise.allSettled(joiners.map((g, i) => joinCircle(s.deps, s.circle.id, g, `J${i}`)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(6);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(CircleFull);
    const items = (await s.deps.store.getCircle(s.circle.id))!;
    expect(items.members).toHaveLength(8);
    expect(items.circle.memberIds).toHaveLength(8);
    // The refused goals are in no circle and may join another.
    const refused = joiners.filter((_, i) => results[i]!.status === 'rejected');
    for (const g of refused) expect((await s.deps.store.getGoal(g.owner, g.id))!.circle).toBeUndefined();
  });
});

describe('one circle per goal under concurrent clicks', () => {
  it('starts one circle on a triple click, and each click lands on it', async () => {
    const s = await setup(1);
    const dag = await anActiveGoal(s.deps, { email: uniqueEmail('dag'), locale: 'nb' });
    const start = `${goalPagePath(s.deps.config, dag, s.clock.now())}/circle`;
    const responses = await Promise.all([1, 2, 3].map((i) => s.post(start, { name: `Race ${i}`, memberName: 'Dag' })));
    for (const r of responses) expect(r.status).toBe(303);
    const circleId = (await s.deps.store.getGoal(dag.owner, dag.id))!.circle!;
    const items = await s.snapshot();
    const dagMembers = items.filter((i) => i.includes('"MEMBER#') && i.includes(dag.id));
    expect(dagMembers).toHaveLength(1);
    expect(dagMembers[0]).toContain(`CIRCLE#${circleId}`);
    const pages = new Set(responses.map((r) => r.headers.get('location')));
    for (const location of pages) expect((await s.get(location!)).status).toBe(200);
  });

  it('lets a goal joining two circles at once into one of them only', async () => {
    const s = await setup(1);
    const other = await anActiveGoal(s.deps, { email: uniqueEmail('y'), locale: 'en' });
    const second = await startCircle(s.deps, other, { name: 'Y', memberName: 'Yan' });
    const m1 = await anActiveGoal(s.deps, { email: uniqueEmail('m1'), locale: 'en' });
    const results = await Promise.allSettled([joinCircle(s.deps, s.circle.id, m1, 'M1'), joinCircle(s.deps, second.id, m1, 'M1')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(CircleTaken);
    const items = await s.snapshot();
    expect(items.filter((i) => i.includes('"MEMBER#') && i.includes(m1.id))).toHaveLength(1);
    const pointer = (await s.deps.store.getGoal(m1.owner, m1.id))!.circle!;
    expect(memberItems(items, pointer).some((i) => i.includes(m1.id))).toBe(true);
  });
});

describe('a member the organiser removed', () => {
  it('cannot rejoin with the join link they had, is told why, and comes back when the organiser invites them', async () => {
    const s = await setup(3);
    const [organiser, , bill] = s.goals as [Goal, Goal, Goal];
    const oldJoin = path(circleJoinUrl(s.deps.config, s.circle.id, bill.owner, 'Bill', s.clock.now()));
    const remove = path(circleChangeUrl(s.deps.config, s.circle.id, organiser, 'remove', s.clock.now(), bill.id));
    const removed = await s.post(remove);
    expect(removed.status).toBe(200);
    expect(await removed.text()).toContain('slipper dem ikke inn igjen');

    const page = await s.get(oldJoin);
    expect(page.status).toBe(403);
    // In Bill's own language (his goal's, bokmål), whatever the browser asks (re-attack R4).
    expect(await page.text()).toContain('Den som startet sirkelen tok deg ut av den');
    expect((await s.post(oldJoin, { goal: bill.id, name: 'Bill', yes: '1' })).status).toBe(403);
    const billNow = (await s.deps.store.getGoal(bill.owner, bill.id))!;
    await expect(joinCircle(s.deps, s.circle.id, billNow, 'Bill')).rejects.toBeInstanceOf(RemovedFromCircle);
    expect((await s.deps.store.getCircle(s.circle.id))!.members.map((m) => m.goalId)).not.toContain(bill.id);

    // The organiser's email invitation is how they let Bill back in.
    expect((await s.post(`${s.page(organiser)}/invite`, { email: bill.owner })).status).toBe(303);
    expect((await s.post(oldJoin, { goal: bill.id, name: 'Bill', yes: '1' })).status).toBe(200);
    expect((await s.deps.store.getCircle(s.circle.id))!.members.map((m) => m.goalId)).toContain(bill.id);
  });
});

describe('an erased organiser', () => {
  it('leaves no address in the closed circle, and its marks go', async () => {
    const s = await setup(3);
    const [organiser, member, bill] = s.goals as [Goal, Goal, Goal];
    await s.post(path(circleChangeUrl(s.deps.config, s.circle.id, organiser, 'remove', s.clock.now(), bill.id)));
    expect(await s.deps.store.markCircleOnce(s.circle.id, `CHEER#1#${member.id}`)).toBe(true);
    await deleteEverything(s.deps, organiser.owner);
    const items = await s.snapshot();
    expect(items.filter((i) => i.toLowerCase().includes(organiser.owner.toLowerCase()))).toEqual([]);
    const circleItems = items.filter((i) => i.includes(`"CIRCLE#${s.circle.id}"`));
    expect(circleItems).toHaveLength(1);
    expect(circleItems[0]).toContain('"expiresAt"');
    expect(circleItems[0]).not.toContain('"removed"');
  });
});
