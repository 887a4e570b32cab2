// Consent first: a buddy is invited once (with one reminder after three days), and gets nothing else
// until they say yes. They can say no, or leave later; either way the owner is told and the address
// comes off the goal.
import { afterSaved, BuddyLinkClosed, BuddyRefused, GoalClosed, GoalNotFound, LimitReached } from '../errors.js';
import type { Buddy, Goal } from '../goals/goal.js';
import { updateGoal } from '../goals/update.js';
import type { Deps } from '../ports.js';
import { sendOnce } from '../weekly/send-once.js';
import { buddyLabel, invitationEmail, ownerNotice } from './buddy-emails.js';

export const MAX_INVITATIONS_PER_GOAL = 3;
export const MAX_INVITATIONS_PER_OWNER_PER_DAY = 5;
/** From all owners together: nobody gets more than this many invitations a day. */
export const MAX_INVITATIONS_PER_BUDDY_PER_DAY = 3;
export const REMINDER_AFTER_HOURS = 72;

export interface BuddyRef {
  owner: string;
  goalId: string;
  buddy: string;
}

const hours = (date: Date, n: number) => new Date(date.getTime() + n * 3600 * 1000).toISOString();

async function load(deps: Deps, owner: string, goalId: string): Promise<Goal> {
  const goal = await deps.store.getGoal(owner, goalId);
  if (!goal) throw new GoalNotFound();
  return goal;
}

/**
 * Sends the goal's next invitation if its buddy has not been invited yet. Safe to call again: the
 * invitation's sent marker makes a repeat (a second confirm click, a retry) send nothing twice.
 */
export async function sendInvitation(deps: Deps, owner: string, goalId: string): Promise<Goal> {
  const goal = await load(deps, owner, goalId);
  const buddy = goal.buddy;
  if (!buddy || buddy.status !== 'not-invited' || (goal.status !== 'active' && goal.status !== 'paused')) return goal;
  const number = (goal.invitationsSent ?? 0) + 1;
  if (number > MAX_INVITATIONS_PER_GOAL) throw new LimitReached('error.invite.limitGoal');
  // A suppressed address (bounced, complained, asked for no mail) is never invited; the owner sees it waiting.
  if (await deps.store.isSuppressed(buddy.email)) return goal;
  const now = deps.clock.now();
  // Someone who said no to this owner, or left, is not asked again (named again at sign-up, say).
  if (await deps.store.hasRefused(owner, buddy.email)) {
    return (
      (await updateGoal(deps.store, owner, goalId, (current) =>
        current.buddy?.email === buddy.email && current.buddy.status === 'not-invited'
          ? { buddy: undefined, pastBuddy: { ...(buddy.name ? { name: buddy.name } : {}), status: 'declined' } }
          : undefined,
      )) ?? goal
    );
  }
  const day = now.toISOString().slice(0, 10);
  const expires = Math.floor(now.getTime() / 1000) + 2 * 86400;
  const sentToday = await deps.store.countRate('invite', owner, day, expires);
  if (sentToday > MAX_INVITATIONS_PER_OWNER_PER_DAY) throw new LimitReached('error.invite.limitDay');
  const receivedToday = await deps.store.countRate('invite-buddy', buddy.email, day, expires);
  if (receivedToday > MAX_INVITATIONS_PER_BUDDY_PER_DAY) throw new LimitReached('error.invite.limitBuddy');

  await sendOnce(deps, goal.id, { week: number, kind: 'invite' }, (at) => invitationEmail(deps.config, goal, buddy, 'buddy-invite', at));
  const updated = await updateGoal(deps.store, owner, goalId, (current) =>
    current.buddy?.email === buddy.email && current.buddy.status === 'not-invited'
      ? {
          invitationsSent: number,
          buddy: { ...current.buddy, status: 'invited', invitation: number, invitedAt: now.toISOString(), remindAt: hours(now, REMINDER_AFTER_HOURS) },
        }
      : undefined,
  );
  await deps.store.putBuddyLink({ buddy: buddy.email, owner, goalId, status: 'invited', updatedAt: now.toISOString() });
  return updated ?? goal;
}

/** The one reminder, three days after an invitation nobody answered. */
export async function sendReminder(deps: Deps, goal: Goal, invitation: number): Promise<'sent' | 'skipped'> {
  const buddy = goal.buddy;
  const now = deps.clock.now();
  if (!buddy || buddy.status !== 'invited' || buddy.invitation !== invitation || !buddy.remindAt || buddy.remindAt > now.toISOString()) {
    return 'skipped';
  }
  if (!(await deps.store.isSuppressed(buddy.email))) {
    await sendOnce(deps, goal.id, { week: invitation, kind: 'reminder' }, (at) => invitationEmail(deps.config, goal, buddy, 'buddy-reminder', at));
  }
  await updateGoal(deps.store, goal.owner, goal.id, (current) =>
    current.buddy?.status === 'invited' && current.buddy.remindAt ? { buddy: { ...current.buddy, remindAt: undefined } as Buddy } : undefined,
  );
  return 'sent';
}

/** The goal, if this link's buddy is still the goal's buddy. */
export async function goalForBuddy(deps: Deps, ref: BuddyRef): Promise<Goal> {
  const goal = await load(deps, ref.owner, ref.goalId);
  if (goal.buddy?.email !== ref.buddy) throw new BuddyLinkClosed();
  return goal;
}

export async function acceptInvitation(deps: Deps, ref: BuddyRef): Promise<{ goal: Goal; already: boolean }> {
  const goal = await goalForBuddy(deps, ref);
  if (goal.buddy?.status === 'accepted') return { goal, already: true };
  if (goal.buddy?.status !== 'invited') throw new BuddyLinkClosed();
  if (goal.status === 'completed' || goal.status === 'stopped') throw new GoalClosed();
  const now = deps.clock.now().toISOString();
  const updated = await updateGoal(deps.store, ref.owner, ref.goalId, (current) =>
    current.buddy?.email === ref.buddy && current.buddy.status === 'invited'
      ? { buddy: { ...current.buddy, status: 'accepted', respondedAt: now, remindAt: undefined } as Buddy }
      : undefined,
  );
  await deps.store.putBuddyLink({ buddy: ref.buddy, owner: ref.owner, goalId: ref.goalId, status: 'accepted', updatedAt: now });
  const accepted = updated ?? goal;
  await afterSaved('error.email.noticeNotSent', () =>
    sendOnce(deps, goal.id, { week: goal.buddy!.invitation, kind: 'notice-accepted' }, (at) =>
      ownerNotice(deps.config, accepted, 'accepted', { buddy: buddyLabel(goal.buddy!) }, at),
    ),
  );
  return { goal: accepted, already: false };
}

/** Declining or leaving: the address comes off the goal, the owner is told, nothing more is sent. */
export async function releaseBuddy(deps: Deps, ref: BuddyRef, how: 'declined' | 'left'): Promise<Goal> {
  const goal = await goalForBuddy(deps, ref);
  const buddy = goal.buddy!;
  const allowed = how === 'declined' ? buddy.status === 'invited' : buddy.status === 'accepted' || buddy.status === 'invited';
  if (!allowed) throw new BuddyLinkClosed();
  const now = deps.clock.now();
  const updated = await updateGoal(deps.store, ref.owner, ref.goalId, (current) =>
    current.buddy?.email === ref.buddy
      ? { buddy: undefined, buddyReport: undefined, pastBuddy: { ...(buddy.name ? { name: buddy.name } : {}), status: how } }
      : undefined,
  );
  await deps.store.putBuddyLink({ buddy: ref.buddy, owner: ref.owner, goalId: ref.goalId, status: how, updatedAt: now.toISOString() });
  await deps.store.refuseBuddy(ref.owner, ref.buddy, now.toISOString());
  await afterSaved('error.email.noticeNotSent', () =>
    sendOnce(deps, goal.id, { week: buddy.invitation, kind: `notice-${how}` }, (at) =>
      ownerNotice(deps.config, updated ?? goal, how, { buddy: buddyLabel(buddy) }, at),
    ),
  );
  return updated ?? goal;
}

/** The owner names a buddy (first, or someone new after a no): invited at once if the goal is running. */
export async function nameBuddy(deps: Deps, owner: string, goalId: string, buddy: { email: string; name?: string | undefined }): Promise<Goal> {
  const goal = await load(deps, owner, goalId);
  if (goal.status === 'completed' || goal.status === 'stopped') throw new GoalClosed();
  if ((goal.invitationsSent ?? 0) >= MAX_INVITATIONS_PER_GOAL) throw new LimitReached('error.invite.limitGoal');
  if (await deps.store.hasRefused(owner, buddy.email)) throw new BuddyRefused();
  await updateGoal(deps.store, owner, goalId, () => ({
    buddy: { email: buddy.email, ...(buddy.name ? { name: buddy.name } : {}), status: 'not-invited', invitation: 0 },
    buddyReport: undefined,
    pastBuddy: undefined,
  }));
  if (goal.status === 'pending') return load(deps, owner, goalId);
  return afterSaved('error.email.inviteNotSent', () => sendInvitation(deps, owner, goalId));
}

/** Another invitation to the same, still silent buddy (at most three per goal). */
export async function inviteAgain(deps: Deps, owner: string, goalId: string): Promise<Goal> {
  const goal = await load(deps, owner, goalId);
  if (goal.buddy?.status !== 'invited') return goal;
  if ((goal.invitationsSent ?? 0) >= MAX_INVITATIONS_PER_GOAL) throw new LimitReached('error.invite.limitGoal');
  await updateGoal(deps.store, owner, goalId, (current) =>
    current.buddy?.status === 'invited' ? { buddy: { ...current.buddy, status: 'not-invited', remindAt: undefined } as Buddy } : undefined,
  );
  return afterSaved('error.email.inviteNotSent', () => sendInvitation(deps, owner, goalId));
}

/** The goal as its buddy reads it: in the language the buddy chose, else the owner's. */
export async function asSeenByBuddy(deps: Deps, goal: Goal, buddy: string): Promise<Goal> {
  const locale = await deps.store.getBuddyLocale(buddy);
  return locale ? { ...goal, locale } : goal;
}
