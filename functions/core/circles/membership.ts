// Starting a circle, inviting, joining, leaving, removing and closing. The member item is written before the
// goal's pointer to the circle and removed before it is cleared, so a goal never points at a circle that
// does not list it for longer than one failed write (the next action mends it).
import { ulid } from 'ulid';
import { afterSaved, GoalNotFound, LimitReached } from '../errors.js';
import type { Goal } from '../goal.js';
import type { Deps } from '../ports.js';
import { updateGoal } from '../update-goal.js';
import { allowLinkEmail, linkEmail } from '../emails/link-email.js';
import { withinCeiling } from '../limits/ceilings.js';
import type { Locale } from '../i18n/messages.js';
import { CircleClosed, CircleFull, CircleTaken } from './circle-errors.js';
import { digestDueAt, MAX_MEMBERS, memberOf, type Circle, type CircleItems, type CircleMember, type SharedTarget } from './circle.js';
import { circleChangeUrl, circleInvitationUrl, circleJoinUrl, type CircleChange } from './circle-links.js';
import { sendCircleNotice } from './circle-notices.js';

/** Email invitations one member may send a day, and one address may receive (as for buddies). */
export const MAX_CIRCLE_INVITES_PER_DAY = 10;
export const MAX_CIRCLE_INVITES_PER_ADDRESS = 3;

const running = (goal: Goal) => goal.status === 'active' || goal.status === 'paused';

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
  for (let attempt = 0; attempt < 5; attempt++) {
    const items = await deps.store.getCircle(circleId);
    if (!items) return undefined;
    const patch = change(items);
    if (!patch) return items.circle;
    const next: Circle = { ...items.circle, ...patch, version: items.circle.version + 1 };
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
  await deps.store.putCircleMember(await freshMember(deps, circle.id, goal, input.memberName));
  await deps.store.saveCircle(circle);
  await updateGoal(deps.store, goal.owner, goal.id, (current) => (current.circle ? undefined : { circle: circle.id }));
  // The due time needs the member just written: the circle is saved once more through updateCircle.
  return (await updateCircle(deps, circle.id, () => ({}))) ?? circle;
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
  const now = deps.clock.now();
  const vars = { inviter: from.name, circle: circle.name };
  await afterSaved('error.email.linkNotSent', () =>
    deps.mailer.send(linkEmail(deps.config, to, from.locale, 'circleInvite', circleInvitationUrl(deps.config, circle, now), vars, now, { id: from.goalId })),
  );
}

/**
 * "Yes, I join": the join link goes to the address given, so only its owner can pick (or write) the goal
 * that joins. The answer is the same for every address.
 */
export async function askToJoin(deps: Deps, circleId: string, email: string, name: string, locale: Locale): Promise<void> {
  const { circle, members } = await openCircle(deps, circleId);
  if (members.length >= MAX_MEMBERS) throw new CircleFull();
  await allowLinkEmail(deps, email);
  if (await deps.store.isSuppressed(email)) return;
  const now = deps.clock.now();
  const url = circleJoinUrl(deps.config, circle.id, email, name, now);
  await afterSaved('error.email.linkNotSent', () => deps.mailer.send(linkEmail(deps.config, email, locale, 'circleJoin', url, { circle: circle.name }, now)));
}

/** The organiser's 30-minute link to remove `member` or close the circle, to the organiser's own address. */
export async function emailCircleChange(deps: Deps, items: CircleItems, organiser: CircleMember, change: CircleChange, member?: CircleMember): Promise<void> {
  const now = deps.clock.now();
  const url = circleChangeUrl(deps.config, items.circle.id, { owner: organiser.owner, id: organiser.goalId }, change, now, member?.goalId);
  const kind = change === 'remove' ? 'circleRemove' : 'circleClose';
  const vars = { circle: items.circle.name, name: member?.name ?? '' };
  await allowLinkEmail(deps, organiser.owner);
  await afterSaved('error.email.linkNotSent', () => deps.mailer.send(linkEmail(deps.config, organiser.owner, organiser.locale, kind, url, vars, now, { id: organiser.goalId })));
}

/** The goals of `email` that could join: running, in no circle. */
export async function joinableGoals(deps: Pick<Deps, 'store'>, email: string): Promise<Goal[]> {
  return (await deps.store.listGoals(email)).filter((g) => running(g) && !g.circle);
}

/** The goal joins (from the emailed join link, after the terms were accepted). */
export async function joinCircle(deps: Deps, circleId: string, goal: Goal, name: string): Promise<CircleItems> {
  const { members } = await openCircle(deps, circleId);
  if (goal.circle === circleId && members.some((m) => m.goalId === goal.id)) return loadCircle(deps, circleId);
  if (!running(goal)) throw new GoalNotFound();
  if (goal.circle) throw new CircleTaken();
  if (members.length >= MAX_MEMBERS) throw new CircleFull();
  await deps.store.putCircleMember(await freshMember(deps, circleId, goal, name));
  await updateGoal(deps.store, goal.owner, goal.id, (current) => (current.circle ? undefined : { circle: circleId }));
  await updateCircle(deps, circleId, () => ({}));
  return loadCircle(deps, circleId);
}

/** Leaving or being removed (then told so): gone from the page and every later digest at once. */
export async function dropMember(deps: Deps, circleId: string, goalId: string, notice?: 'removed'): Promise<void> {
  const { circle, members } = await loadCircle(deps, circleId);
  const member = members.find((m) => m.goalId === goalId);
  await deps.store.deleteCircleMember(circleId, goalId);
  if (member) await updateGoal(deps.store, member.owner, goalId, (current) => (current.circle === circleId ? { circle: undefined } : undefined));
  await updateCircle(deps, circleId, () => ({}));
  if (member && notice) await sendCircleNotice(deps, circle, member, notice);
}

/** The organiser closes the circle: every member leaves it, no digest goes out any more; the others are told. */
export async function closeCircle(deps: Deps, circleId: string): Promise<void> {
  const { circle, members } = await loadCircle(deps, circleId);
  await updateCircle(deps, circleId, ({ circle }) => (circle.status === 'open' ? { status: 'closed', closedAt: deps.clock.now().toISOString() } : undefined));
  for (const member of members) {
    await deps.store.deleteCircleMember(circleId, member.goalId);
    await updateGoal(deps.store, member.owner, member.goalId, (current) => (current.circle === circleId ? { circle: undefined } : undefined));
    if (circle.status === 'open' && member.goalId !== circle.organiserGoalId) await sendCircleNotice(deps, circle, member, 'closed');
  }
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
