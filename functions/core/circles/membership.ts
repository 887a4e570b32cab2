// Starting a circle, inviting, joining, leaving, removing and closing. Two versioned saves hold the rules
// against concurrent clicks: the goal's `circle` pointer is claimed first (one circle per goal), then a seat in
// the circle item's member set (at most 8, not someone the organiser removed); only then is the member item
// written. A join that loses either race gives back what it took.
import { ulid } from 'ulid';
import { afterSaved, GoalNotFound, LimitReached } from '../errors.js';
import type { Goal } from '../goal.js';
import type { Deps } from '../ports.js';
import { updateGoal } from '../update-goal.js';
import { allowLinkEmail, linkEmail } from '../emails/link-email.js';
import { unlinked } from '../emails/unlinked.js';
import { withinCeiling } from '../limits/ceilings.js';
import type { Locale } from '../i18n/messages.js';
import { addressHash } from '../emails/message-key.js';
import { knownLocale } from '../emails/known-locale.js';
import { AlreadyInCircle, CircleClosed, CircleFull, CircleTaken, RemovedFromCircle } from './circle-errors.js';
import { digestDueAt, hasPerson, MAX_MEMBERS, memberOf, type Circle, type CircleItems, type CircleMember, type SharedTarget } from './circle.js';
import { circleChangeUrl, circleInvitationUrl, circleJoinUrl, type CircleChange } from './circle-links.js';
import { sendCircleNotice } from './circle-notices.js';

/** Email invitations one member may send a day, and one address may receive (as for buddies). */
export const MAX_CIRCLE_INVITES_PER_DAY = 10;
export const MAX_CIRCLE_INVITES_PER_ADDRESS = 3;
/** "Yes, I join" emails a typed address: so many from one client address an hour, and to one circle a day. */
export const CIRCLE_JOINS_PER_IP_PER_HOUR = 10;
export const CIRCLE_JOINS_PER_CIRCLE_PER_DAY = 20;

const running = (goal: Goal) => goal.status === 'active' || goal.status === 'paused';
/** A closed circle's item stays this long, so its links say "closed" rather than "no such circle". */
const CLOSED_CIRCLE_DAYS = 30;

/** The member goals: the circle item's set, or (a circle saved before it kept one) its member items. */
const memberSet = ({ circle, members }: CircleItems) => circle.memberIds ?? members.map((m) => m.goalId);

/** Whether the organiser removed this address from the circle. */
export const wasRemoved = (circle: Circle, email: string) => (circle.removed ?? []).includes(addressHash(email));

export async function loadCircle(deps: Pick<Deps, 'store'>, circleId: string): Promise<CircleItems> {
  const items = await deps.store.getCircle(circleId);
  if (!items) throw new CircleClosed('no such circle');
  return items;
}

async function openCircle(deps: Pick<Deps, 'store'>, circleId: string): Promise<CircleItems> {
  const items = await loadCircle(deps, circleId);
  if (items.circle.status !== 'open') throw new CircleClosed();
  return items;
}

/** Saves a change of the circle, re-reading on a concurrent change; the due time follows its members. */
export async function updateCircle(deps: Pick<Deps, 'store' | 'clock'>, circleId: string, change: (items: CircleItems) => Partial<Circle> | undefined): Promise<Circle | undefined> {
  // Up to 8 joins may race for the same item: each round lets at least one through.
  for (let attempt = 0; attempt < 3 * MAX_MEMBERS; attempt++) {
    const items = await deps.store.getCircle(circleId);
    if (!items) return undefined;
    const patch = change(items);
    if (!patch) return items.circle;
    const next: Circle = { ...items.circle, ...patch, version: items.circle.version + 1 };
    for (const key of Object.keys(patch) as (keyof Circle)[]) if (patch[key] === undefined) delete next[key];
    const dueAt = digestDueAt(next, items.members, deps.clock.now().toISOString());
    if (dueAt) next.dueAt = dueAt;
    else delete next.dueAt;
    if (await deps.store.saveCircle(next)) return next;
  }
  throw new Error(`circle ${circleId} kept changing`);
}

/** The member item of `goal` as its weeks stand now. */
async function freshMember(deps: Pick<Deps, 'store' | 'clock'>, circleId: string, goal: Goal, name: string, joinedAt?: string): Promise<CircleMember> {
  return memberOf(circleId, goal, await deps.store.getWeekAnswers(goal.id), name, joinedAt ?? deps.clock.now().toISOString());
}

/** "Start a circle" on the goal page: the goal is its first member and its organiser. */
export async function startCircle(deps: Deps, goal: Goal, input: { name: string; memberName: string; sharedTarget?: SharedTarget }): Promise<Circle> {
  if (!running(goal)) throw new GoalNotFound();
  if (goal.circle) throw new CircleTaken();
  const now = deps.clock.now().toISOString();
  const circle: Circle = {
    memberIds: [goal.id],
    id: ulid(deps.clock.now().getTime()),
    name: input.name,
    organiserGoalId: goal.id,
    organiser: goal.owner,
    status: 'open',
    createdAt: now,
    ...(input.sharedTarget ? { sharedTarget: input.sharedTarget } : {}),
    week: 1,
    weekStart: now,
    version: 1,
  };
  const claimed = await claimGoal(deps, goal, circle.id);
  await deps.store.saveCircle(circle);
  await deps.store.putCircleMember(await freshMember(deps, circle.id, claimed, input.memberName));
  // The due time needs the member just written: the circle is saved once more through updateCircle.
  return (await updateCircle(deps, circle.id, () => ({}))) ?? circle;
}

/** Points the goal at the circle, if it is running and in no circle: a versioned save, so of two concurrent claims one wins. */
async function claimGoal(deps: Pick<Deps, 'store'>, goal: Goal, circleId: string): Promise<Goal> {
  const claimed = await updateGoal(deps.store, goal.owner, goal.id, (current) => (current.circle || !running(current) ? undefined : { circle: circleId }));
  if (!claimed || !running(claimed)) throw new GoalNotFound();
  if (claimed.circle !== circleId) throw new CircleTaken();
  return claimed;
}

const releaseGoal = (deps: Pick<Deps, 'store'>, goal: Pick<Goal, 'owner' | 'id'>, circleId: string) =>
  updateGoal(deps.store, goal.owner, goal.id, (current) => (current.circle === circleId ? { circle: undefined } : undefined));

/** Adds the goal to the circle's member set in the circle item's versioned save, or says why not. */
async function takeSeat(deps: Pick<Deps, 'store' | 'clock'>, circleId: string, goal: Goal): Promise<void> {
  let refusal: Error | undefined;
  const saved = await updateCircle(deps, circleId, (items) => {
    const ids = memberSet(items);
    refusal = undefined;
    if (items.circle.status !== 'open') refusal = new CircleClosed();
    else if (ids.includes(goal.id)) return undefined;
    else if (wasRemoved(items.circle, goal.owner)) refusal = new RemovedFromCircle();
    else if (ids.length >= MAX_MEMBERS) refusal = new CircleFull();
    // A seat starts with the circle email on, whatever a mute of an earlier membership left.
    return refusal ? undefined : { memberIds: [...ids, goal.id], quiet: items.circle.quiet?.filter((id) => id !== goal.id) };
  });
  if (refusal ?? !saved) throw refusal ?? new CircleClosed();
}

/** The organiser changes the shared target (or clears it). */
export function setSharedTarget(deps: Deps, circleId: string, sharedTarget: SharedTarget | undefined): Promise<Circle | undefined> {
  return updateCircle(deps, circleId, ({ circle }) => (circle.status === 'open' ? { sharedTarget } : undefined));
}

function dayCounter(deps: Pick<Deps, 'clock'>) {
  const now = deps.clock.now();
  return { day: now.toISOString().slice(0, 10), expires: Math.floor(now.getTime() / 1000) + 2 * 86400 };
}

/** A member emails the invitation link to someone: counted like a buddy's invitation; a suppressed address gets nothing, silently. */
export async function inviteByEmail(deps: Deps, circleId: string, from: CircleMember, to: string): Promise<void> {
  const { circle, members } = await openCircle(deps, circleId);
  if (members.length >= MAX_MEMBERS) throw new CircleFull();
  const { day, expires } = dayCounter(deps);
  if ((await deps.store.countRate('invite', from.owner, day, expires)) > MAX_CIRCLE_INVITES_PER_DAY) throw new LimitReached('error.invite.limitDay');
  if ((await deps.store.countRate('invite-buddy', to, day, expires)) > MAX_CIRCLE_INVITES_PER_ADDRESS) throw new LimitReached('error.invite.limitBuddy');
  if (!(await withinCeiling(deps, 'invitation', from.owner))) throw new LimitReached('error.rate.busy');
  if (await deps.store.isSuppressed(to)) return;
  // The organiser inviting someone they removed is how they let them back in.
  if (from.goalId === circle.organiserGoalId && wasRemoved(circle, to)) {
    await updateCircle(deps, circleId, (items) => ({ removed: (items.circle.removed ?? []).filter((hash) => hash !== addressHash(to)) }));
  }
  const now = deps.clock.now();
  // In the invitee's own language when they already use Kompis, else in the inviter's.
  const locale = (await knownLocale(deps, to)) ?? from.locale;
  const vars = { inviter: unlinked(from.name), circle: unlinked(circle.name) };
  await afterSaved('error.email.linkNotSent', () =>
    deps.mailer.send(linkEmail(deps.config, to, locale, 'circleInvite', circleInvitationUrl(deps.config, circle, now), vars, now, { id: from.goalId })),
  );
}

/**
 * "Yes, I join": the join link goes to the address given, so only its owner can pick (or write) the goal
 * that joins. The answer is the same for every address.
 */
export async function askToJoin(deps: Deps, circleId: string, email: string, name: string, locale: Locale, clientIp: string): Promise<void> {
  const { circle, members } = await openCircle(deps, circleId);
  if (members.length >= MAX_MEMBERS) throw new CircleFull();
  // Whoever holds the invitation link can type any address: rationed per client, per circle, and under the
  // invitation ceiling, as sign-up and a member's emailed invitation are.
  const now = deps.clock.now();
  const epoch = Math.floor(now.getTime() / 1000);
  if ((await deps.store.countRate('circle-join-ip', clientIp, now.toISOString().slice(0, 13), epoch + 2 * 3600)) > CIRCLE_JOINS_PER_IP_PER_HOUR) throw new LimitReached('error.rate.circleJoin');
  if ((await deps.store.countRate('circle-join', circle.id, now.toISOString().slice(0, 10), epoch + 2 * 86400)) > CIRCLE_JOINS_PER_CIRCLE_PER_DAY) throw new LimitReached('error.rate.circleJoin');
  if (!(await withinCeiling(deps, 'invitation', circle.organiser ?? members[0]?.owner ?? ''))) throw new LimitReached('error.rate.busy');
  await allowLinkEmail(deps, email);
  if (await deps.store.isSuppressed(email)) return;
  const url = circleJoinUrl(deps.config, circle.id, email, name, now);
  // The page answers in the browser's language; the email goes in the address owner's own when Kompis knows it.
  const language = (await knownLocale(deps, email)) ?? locale;
  await afterSaved('error.email.linkNotSent', () => deps.mailer.send(linkEmail(deps.config, email, language, 'circleJoin', url, { circle: unlinked(circle.name) }, now)));
}

/** The organiser's 30-minute link to remove `member` or close the circle, to the organiser's own address. */
export async function emailCircleChange(deps: Deps, items: CircleItems, organiser: CircleMember, change: CircleChange, member?: CircleMember): Promise<void> {
  const now = deps.clock.now();
  const url = circleChangeUrl(deps.config, items.circle.id, { owner: organiser.owner, id: organiser.goalId }, change, now, member?.goalId);
  const kind = change === 'remove' ? 'circleRemove' : 'circleClose';
  const vars = { circle: unlinked(items.circle.name), name: unlinked(member?.name ?? '') };
  await allowLinkEmail(deps, organiser.owner);
  await afterSaved('error.email.linkNotSent', () => deps.mailer.send(linkEmail(deps.config, organiser.owner, organiser.locale, kind, url, vars, now, { id: organiser.goalId })));
}

/** The goals of `email` that could join: running, in no circle. */
export async function joinableGoals(deps: Pick<Deps, 'store'>, email: string): Promise<Goal[]> {
  return (await deps.store.listGoals(email)).filter((g) => running(g) && !g.circle);
}

/** The goal joins (from the emailed join link, after the terms were accepted). */
export async function joinCircle(deps: Deps, circleId: string, goal: Goal, name: string): Promise<CircleItems> {
  const items = await openCircle(deps, circleId);
  if (goal.circle === circleId && items.members.some((m) => m.goalId === goal.id)) return items;
  if (wasRemoved(items.circle, goal.owner)) throw new RemovedFromCircle();
  // One goal per person in a circle: the circle is people, each with a goal of their own.
  if (hasPerson(items.members, goal.owner)) throw new AlreadyInCircle();
  const claimed = await claimGoal(deps, goal, circleId);
  try {
    await takeSeat(deps, circleId, claimed);
  } catch (error) {
    await releaseGoal(deps, claimed, circleId);
    throw error;
  }
  await deps.store.putCircleMember(await freshMember(deps, circleId, claimed, name));
  await updateCircle(deps, circleId, () => ({}));
  // The person is in: no goal of theirs offers this circle's join link any more.
  for (const own of await deps.store.listGoals(goal.owner)) {
    if (own.circleJoin?.circleId === circleId) await updateGoal(deps.store, own.owner, own.id, (current) => (current.circleJoin ? { circleJoin: undefined } : undefined));
  }
  return loadCircle(deps, circleId);
}

/**
 * Leaving or being removed: gone from the page and every later digest at once. Removed by the organiser
 * (`notice` 'removed'), the member is told and the address is kept out: join links it already holds no
 * longer let it back in.
 */
export async function dropMember(deps: Deps, circleId: string, goalId: string, notice?: 'removed'): Promise<void> {
  const { circle, members } = await loadCircle(deps, circleId);
  const member = members.find((m) => m.goalId === goalId);
  await deps.store.deleteCircleMember(circleId, goalId);
  if (member) await releaseGoal(deps, { owner: member.owner, id: goalId }, circleId);
  await updateCircle(deps, circleId, (items) => ({
    memberIds: memberSet(items).filter((id) => id !== goalId),
    quiet: items.circle.quiet?.filter((id) => id !== goalId),
    ...(notice === 'removed' && member ? { removed: [...new Set([...(items.circle.removed ?? []), addressHash(member.owner)])] } : {}),
  }));
  if (member && notice) await sendCircleNotice(deps, circle, member, notice);
}

/** A member stops (or again wants) the circle email; they stay in the circle and in the others' digests. */
export async function setCircleEmail(deps: Deps, circleId: string, goalId: string, on: boolean): Promise<void> {
  await updateCircle(deps, circleId, (items) => {
    // Checked in the same versioned save as leaving: a one-click POST racing a leave never mutes a goal
    // that is gone (and would stay muted if it came back).
    if (!memberSet(items).includes(goalId)) return undefined;
    const quiet = new Set(items.circle.quiet ?? []);
    if (quiet.has(goalId) === !on) return undefined;
    if (on) quiet.delete(goalId);
    else quiet.add(goalId);
    return { quiet: [...quiet] };
  });
}

/** The organiser closes the circle: every member leaves it, no digest goes out any more; the others are told. */
export async function closeCircle(deps: Deps, circleId: string): Promise<void> {
  const { circle: before, members } = await loadCircle(deps, circleId);
  const now = deps.clock.now();
  // A closed circle keeps no address (nor hash) and goes with the table's TTL.
  const expiresAt = Math.floor(now.getTime() / 1000) + CLOSED_CIRCLE_DAYS * 86400;
  await updateCircle(deps, circleId, ({ circle }) =>
    circle.status === 'open' || circle.organiser ? { status: 'closed', closedAt: circle.closedAt ?? now.toISOString(), organiser: undefined, removed: undefined, quiet: undefined, memberIds: [], expiresAt } : undefined,
  );
  for (const member of members) {
    await deps.store.deleteCircleMember(circleId, member.goalId);
    await releaseGoal(deps, { owner: member.owner, id: member.goalId }, circleId);
    if (before.status === 'open' && member.goalId !== before.organiserGoalId) await sendCircleNotice(deps, before, member, 'closed');
  }
  await deps.store.deleteCircleMarks(circleId);
}

/** A goal leaves its circle (its owner erased, say): an organiser's goal closes the circle. */
export async function leaveAnyCircle(deps: Deps, goal: Pick<Goal, 'id' | 'circle'>): Promise<void> {
  if (!goal.circle) return;
  const items = await deps.store.getCircle(goal.circle);
  if (!items) return;
  if (items.circle.organiserGoalId === goal.id) await closeCircle(deps, goal.circle);
  else await dropMember(deps, goal.circle, goal.id);
}

/** After an answer: the member item follows the goal's weeks, and the digest may fall due now. */
export async function circleAfterAnswer(deps: Deps, goal: Goal): Promise<void> {
  if (!goal.circle) return;
  const items = await deps.store.getCircle(goal.circle);
  const member = items?.members.find((m) => m.goalId === goal.id);
  if (!items || !member) return;
  const current = (await deps.store.getGoal(goal.owner, goal.id)) ?? goal;
  if (await deps.store.putCircleMember(await freshMember(deps, items.circle.id, current, member.name, member.joinedAt), true)) {
    await updateCircle(deps, items.circle.id, () => ({}));
  }
}
