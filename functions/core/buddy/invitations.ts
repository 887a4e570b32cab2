// Consent first: a buddy is invited once (with one reminder after three days), and gets nothing else
// until they say yes. They can say no, or leave later; either way the owner is told and the address
// comes off the goal. An invitation is asked for (counted against the owner's and the buddy's daily
// limits) when the goal is confirmed or a buddy is named, and goes out through the tick, queue and sender
// no sooner than ten minutes after the goal was confirmed — never straight from a page.
import { afterSaved, BuddyLinkClosed, BuddyRefused, GoalClosed, GoalNotFound, LimitReached } from '../errors.js';
import type { Buddy, Goal } from '../goal.js';
import type { GoalPatch } from '../update-goal.js';
import { unlinked } from '../emails/unlinked.js';
import { t } from '../i18n/messages.js';
import { nextHour, withinCeiling } from '../limits/ceilings.js';
import type { BuddyLink, Deps } from '../ports.js';
import { sendOnce } from '../emails/send-once.js';
import type { Pacer } from '../emails/send-rate.js';
import { buddyLabel, invitationEmail, ownerNotice } from './buddy-emails.js';
import { findSupporter, MAX_INVITATIONS_ADDED, MAX_INVITATIONS_FIRST, seenFor, supportersOf, updateSupporter } from './supporters.js';

/** Per goal: the supporter named first's 3 and the added supporters' 3 (buddy/supporters.ts). */
export const MAX_INVITATIONS_PER_GOAL = MAX_INVITATIONS_FIRST + MAX_INVITATIONS_ADDED;
export const MAX_INVITATIONS_PER_OWNER_PER_DAY = 5;
/** From all owners together: nobody gets more than this many invitations a day. */
export const MAX_INVITATIONS_PER_BUDDY_PER_DAY = 3;
export const REMINDER_AFTER_HOURS = 72;
/** A goal written down by someone else is confirmed by a click; this long after it the buddy may be asked. */
export const INVITE_AFTER_CONFIRM_MINUTES = 10;

export interface BuddyRef {
  owner: string;
  goalId: string;
  buddy: string;
  /** An added supporter's id (issue 20); none for the supporter named first. */
  id?: string | undefined;
}

/** Refuses when this supporter's place (the first, or the added ones together) has used up its invitations. */
function assertInvitationsLeft(goal: Goal, added: boolean): void {
  const addedSent = goal.supporterInvitations ?? 0;
  if (added && addedSent >= MAX_INVITATIONS_ADDED) throw new LimitReached('error.supporter.invites');
  if (!added && (goal.invitationsSent ?? 0) - addedSent >= MAX_INVITATIONS_FIRST) throw new LimitReached('error.invite.limitGoal');
}

const later = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60 * 1000).toISOString();

async function load(deps: Deps, owner: string, goalId: string): Promise<Goal> {
  const goal = await deps.store.getGoal(owner, goalId);
  if (!goal) throw new GoalNotFound();
  return goal;
}

/** The earliest an invitation for this confirmed goal may go out. */
function earliestInvite(goal: Goal, now: Date): string {
  const settled = goal.confirmedAt ? later(new Date(goal.confirmedAt), INVITE_AFTER_CONFIRM_MINUTES) : now.toISOString();
  return settled > now.toISOString() ? settled : now.toISOString();
}

/**
 * Asks for the next invitation of a confirmed goal: counted against the goal's, the owner's and the
 * buddy's limits (LimitReached), then left for the tick. The same for every address, suppressed or not.
 */
export async function askInvitation(deps: Deps, goal: Goal, buddy: Pick<Buddy, 'email' | 'name' | 'id'>): Promise<GoalPatch> {
  // The number is goal-wide, so an invitation's sent markers name one supporter.
  const number = (goal.invitationsSent ?? 0) + 1;
  assertInvitationsLeft(goal, buddy.id !== undefined);
  const now = deps.clock.now();
  const day = now.toISOString().slice(0, 10);
  const expires = Math.floor(now.getTime() / 1000) + 2 * 86400;
  if ((await deps.store.countRate('invite', goal.owner, day, expires)) > MAX_INVITATIONS_PER_OWNER_PER_DAY) throw new LimitReached('error.invite.limitDay');
  if ((await deps.store.countRate('invite-buddy', buddy.email, day, expires)) > MAX_INVITATIONS_PER_BUDDY_PER_DAY) {
    throw new LimitReached('error.invite.limitBuddy');
  }
  return {
    invitationsSent: number,
    ...(buddy.id ? { supporterInvitations: (goal.supporterInvitations ?? 0) + 1 } : {}),
    buddy: { email: buddy.email, ...(buddy.name ? { name: buddy.name } : {}), status: 'not-invited', invitation: number, inviteAt: earliestInvite(goal, now) },
  };
}

/** On confirming: the buddy named at sign-up is asked for; a limit reached leaves them waiting on the goal page. */
export async function inviteOnConfirm(deps: Deps, confirmed: Goal): Promise<Goal> {
  let goal = confirmed;
  for (const { id } of supportersOf(confirmed)) goal = await inviteOneOnConfirm(deps, goal, id);
  return goal;
}

async function inviteOneOnConfirm(deps: Deps, whole: Goal, id: string | undefined): Promise<Goal> {
  const goal = seenFor(whole, id);
  const buddy = goal.buddy;
  const running = goal.status === 'active' || goal.status === 'paused';
  if (!running || buddy?.status !== 'not-invited' || buddy.inviteAt || buddy.invitation > 0) return whole;
  let patch: GoalPatch;
  try {
    patch = await askInvitation(deps, goal, buddy);
  } catch (error) {
    if (error instanceof LimitReached) return whole;
    throw error;
  }
  await updateSupporter(deps.store, goal.owner, goal.id, id, (current) => (current.buddy?.email === buddy.email && !current.buddy.inviteAt ? patch : undefined));
  return (await deps.store.getGoal(goal.owner, goal.id)) ?? whole;
}

export type InvitationOutcome = 'sent' | 'skipped' | 'deferred' | 'in-flight' | 'duplicate';

/**
 * Sends the goal's asked-for invitation once it is due (the tick's 'buddy-invite' message). Safe to call
 * again: the invitation's sent marker makes a repeat send nothing twice. A suppressed address gets no
 * email but the goal moves on exactly as if it had, so the owner cannot tell; a service-wide or domain
 * ceiling puts it off to the next hour.
 */
export async function sendInvitation(deps: Deps, owner: string, goalId: string, pacer?: Pacer): Promise<InvitationOutcome> {
  const whole = await load(deps, owner, goalId);
  const outcomes: InvitationOutcome[] = [];
  for (const { id } of supportersOf(whole)) outcomes.push(await sendInvitationTo(deps, seenFor(whole, id), pacer));
  return (['in-flight', 'deferred', 'sent', 'duplicate'] as const).find((o) => outcomes.includes(o)) ?? 'skipped';
}

async function sendInvitationTo(deps: Deps, goal: Goal, pacer?: Pacer): Promise<InvitationOutcome> {
  const { owner, id: goalId } = goal;
  const buddy = goal.buddy;
  const id = buddy?.id;
  const now = deps.clock.now();
  const due = buddy?.status === 'not-invited' && buddy.inviteAt !== undefined && buddy.inviteAt <= now.toISOString();
  if (!buddy || !due || (goal.status !== 'active' && goal.status !== 'paused') || earliestInvite(goal, now) > now.toISOString()) return 'skipped';
  const still = (current: Goal) => current.buddy?.email === buddy.email && current.buddy.status === 'not-invited' && current.buddy.invitation === buddy.invitation;
  // Someone who said no to this owner, or left, is not asked again (named again at sign-up, say).
  if (await deps.store.hasRefused(owner, buddy.email)) {
    await updateSupporter(deps.store, owner, goalId, id, (current) =>
      still(current) ? { buddy: undefined, pastBuddy: { ...(buddy.name ? { name: buddy.name } : {}), status: 'declined' } } : undefined,
    );
    await deps.store.deleteBuddyLink(buddy.email, goalId);
    return 'skipped';
  }
  const key = { week: buddy.invitation, kind: 'invite' as const };
  let outcome: InvitationOutcome = 'sent';
  const suppressed = await deps.store.isSuppressed(buddy.email);
  if (!suppressed) {
    if (!(await withinCeiling(deps, 'invitation', owner))) {
      const retry = nextHour(now).toISOString();
      await updateSupporter(deps.store, owner, goalId, id, (current) => (still(current) ? { buddy: { ...current.buddy!, inviteAt: retry } } : undefined));
      return 'deferred';
    }
    outcome = await sendOnce(deps, goal.id, key, (at) => invitationEmail(deps.config, goal, buddy, 'buddy-invite', at), pacer);
    if (outcome === 'in-flight') return outcome;
  }
  await updateSupporter(deps.store, owner, goalId, id, (current) =>
    still(current)
      ? { buddy: { ...current.buddy!, status: 'invited', inviteAt: undefined, invitedAt: now.toISOString(), remindAt: later(now, REMINDER_AFTER_HOURS * 60) } as Buddy }
      : undefined,
  );
  if (!suppressed) await deps.store.putBuddyLink({ buddy: buddy.email, owner, goalId, status: 'invited', updatedAt: now.toISOString() });
  return outcome;
}

/** Every supporter's reminder that is due (the tick's 'buddy-reminder' message): several may fall due at once. */
export async function sendReminders(deps: Deps, goal: Goal): Promise<'sent' | 'skipped'> {
  const now = deps.clock.now().toISOString();
  const due = supportersOf(goal).filter((s) => s.status === 'invited' && s.remindAt !== undefined && s.remindAt <= now);
  let outcome: 'sent' | 'skipped' = 'skipped';
  for (const { invitation } of due) if ((await sendReminder(deps, (await deps.store.getGoal(goal.owner, goal.id)) ?? goal, invitation)) === 'sent') outcome = 'sent';
  return outcome;
}

/** The one reminder, three days after an invitation nobody answered. */
export async function sendReminder(deps: Deps, whole: Goal, invitation: number): Promise<'sent' | 'skipped'> {
  // The invitation's number is goal-wide: it names the one supporter it was sent to.
  const goal = seenFor(whole, supportersOf(whole).find((s) => s.invitation === invitation)?.id);
  const buddy = goal.buddy;
  const now = deps.clock.now();
  if (!buddy || buddy.status !== 'invited' || buddy.invitation !== invitation || !buddy.remindAt || buddy.remindAt > now.toISOString()) {
    return 'skipped';
  }
  if (!(await deps.store.isSuppressed(buddy.email))) {
    await sendOnce(deps, goal.id, { week: invitation, kind: 'reminder' }, (at) => invitationEmail(deps.config, goal, buddy, 'buddy-reminder', at));
  }
  await updateSupporter(deps.store, goal.owner, goal.id, buddy.id, (current) =>
    current.buddy?.status === 'invited' && current.buddy.remindAt ? { buddy: { ...current.buddy, remindAt: undefined } as Buddy } : undefined,
  );
  return 'sent';
}

/** The goal, if this link's buddy is still the goal's buddy. */
export async function goalForBuddy(deps: Deps, ref: BuddyRef): Promise<Goal> {
  const goal = await load(deps, ref.owner, ref.goalId);
  const supporter = findSupporter(goal, ref.buddy, ref.id);
  // A link without an id is the first supporter's (made before issue 20, or for the first).
  if (!supporter || (ref.id === undefined && supporter.id !== undefined)) throw new BuddyLinkClosed();
  return seenFor(goal, supporter.id);
}

export async function acceptInvitation(deps: Deps, ref: BuddyRef): Promise<{ goal: Goal; already: boolean }> {
  const goal = await goalForBuddy(deps, ref);
  if (goal.buddy?.status === 'accepted') return { goal, already: true };
  if (goal.buddy?.status !== 'invited') throw new BuddyLinkClosed();
  if (goal.status === 'completed' || goal.status === 'stopped') throw new GoalClosed();
  const now = deps.clock.now().toISOString();
  const updated = await updateSupporter(deps.store, ref.owner, ref.goalId, goal.buddy.id, (current) =>
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
  const updated = await updateSupporter(deps.store, ref.owner, ref.goalId, buddy.id, (current) =>
    current.buddy?.email === ref.buddy
      ? { buddy: undefined, buddyReport: undefined, pastBuddy: { ...(buddy.name ? { name: buddy.name } : {}), status: how } }
      : undefined,
  );
  // The owner keeps only the refusal, by hash; the link that named them both goes.
  await deps.store.refuseBuddy(ref.owner, ref.buddy, now.toISOString());
  await deps.store.deleteBuddyLink(ref.buddy, ref.goalId);
  await afterSaved('error.email.noticeNotSent', () =>
    sendOnce(deps, goal.id, { week: buddy.invitation, kind: `notice-${how}` }, (at) =>
      ownerNotice(deps.config, updated ?? goal, how, { buddy: buddyLabel(buddy) }, at),
    ),
  );
  return updated ?? goal;
}

/** What refuses a new buddy before anything is asked: a closed goal, its invitations used up, an earlier no. */
export async function assertCanName(deps: Pick<Deps, 'store'>, goal: Goal, email: string, added = false): Promise<void> {
  if (goal.status === 'completed' || goal.status === 'stopped') throw new GoalClosed();
  assertInvitationsLeft(goal, added);
  if (await deps.store.hasRefused(goal.owner, email)) throw new BuddyRefused();
}

/**
 * The buddy asked Kompis to forget them: the goal lets them go and keeps nothing of them (no name, no
 * refusal: the suppression already stops every email), and an owner who had asked them is told they left.
 */
export async function releaseErasedBuddy(deps: Deps, link: BuddyLink): Promise<void> {
  const whole = await deps.store.getGoal(link.owner, link.goalId);
  const goal = whole && seenFor(whole, findSupporter(whole, link.buddy)?.id);
  const buddy = goal?.buddy;
  if (!goal || buddy?.email !== link.buddy) return;
  const asked = buddy.status === 'invited' || buddy.status === 'accepted';
  const released: Goal = { ...goal, buddy: undefined, buddyReport: undefined, pastBuddy: asked ? { status: 'left' } : undefined };
  // The owner's email first (once, by its marker): a try that fails here is run again from the same link,
  // and finds the goal still naming the buddy — released first, the retry would skip the email.
  if (asked && (goal.status === 'active' || goal.status === 'paused')) {
    await sendOnce(deps, goal.id, { week: buddy.invitation, kind: 'notice-left' }, (at) => ownerNotice(deps.config, released, 'left', { buddy: buddyLabel(buddy) }, at));
  }
  await updateSupporter(deps.store, goal.owner, goal.id, buddy.id, (current) =>
    current.buddy?.email === link.buddy ? { buddy: undefined, buddyReport: undefined, pastBuddy: asked ? { status: 'left' } : undefined } : undefined,
  );
}

/**
 * The owner names a buddy (first, someone new after a no, or instead of one not yet answered). A running
 * goal asks for the invitation at once (limits apply); a pending one waits for its confirmation. The
 * buddy named before loses their link to the goal.
 */
export async function nameBuddy(deps: Deps, owner: string, goalId: string, buddy: { email: string; name?: string | undefined }): Promise<Goal> {
  const goal = await load(deps, owner, goalId);
  // The same person again (a reload, a second click on the emailed link) is already asked for, asked or
  // a buddy: asking anew would spend an invitation, email them twice, or undo their yes.
  const current = goal.buddy;
  if (current?.email === buddy.email && (current.status !== 'not-invited' || current.inviteAt !== undefined)) return goal;
  // Someone already among the added supporters stays where they are.
  if (goal.supporters?.some((s) => s.email === buddy.email)) return goal;
  await assertCanName(deps, goal, buddy.email);
  const named: Buddy = { email: buddy.email, ...(buddy.name ? { name: buddy.name } : {}), status: 'not-invited', invitation: 0 };
  const asked = goal.status === 'pending' ? { buddy: named } : await askInvitation(deps, goal, buddy);
  const updated = await updateSupporter(deps.store, owner, goalId, undefined, () => ({ ...asked, buddyReport: undefined, pastBuddy: undefined }));
  const previous = goal.buddy?.email;
  if (previous && previous !== buddy.email) await deps.store.deleteBuddyLink(previous, goalId);
  await linkNamedBuddy(deps, updated ?? goal);
  return updated ?? goal;
}

/**
 * The link that lets the named buddy be found (to erase them); it expires with a goal nobody confirmed. A
 * suppressed address gets none: nothing reaches it, and an erased person is not written down again under
 * their address (the owner's goal keeps what the owner typed, so the goal page looks the same for anyone).
 */
export async function linkNamedBuddy(deps: Pick<Deps, 'store' | 'clock'>, goal: Goal): Promise<void> {
  if (!goal.buddy || (await deps.store.isSuppressed(goal.buddy.email))) return;
  const updatedAt = deps.clock.now().toISOString();
  await deps.store.putBuddyLink({ buddy: goal.buddy.email, owner: goal.owner, goalId: goal.id, status: 'named', updatedAt, ...(goal.expiresAt ? { expiresAt: goal.expiresAt } : {}) });
}

/** Another invitation to the same, still silent buddy (at most three per goal). */
export async function inviteAgain(deps: Deps, owner: string, goalId: string, id?: string): Promise<Goal> {
  const whole = await load(deps, owner, goalId);
  const goal = seenFor(whole, id);
  if (goal.buddy?.status !== 'invited') return whole;
  const patch = await askInvitation(deps, goal, goal.buddy);
  await updateSupporter(deps.store, owner, goalId, id, (current) => (current.buddy?.status === 'invited' && current.buddy.email === goal.buddy?.email ? patch : undefined));
  return (await deps.store.getGoal(owner, goalId)) ?? whole;
}

/**
 * Said to the owner before the click that invites anyone (the confirm email and page): who will be asked,
 * and exactly what they will get.
 */
export function invitationPreview(goal: Goal): string {
  if (!goal.buddy) return t(goal.locale, 'email.confirm.noBuddy');
  const subject = t(goal.locale, 'email.invite.subject', { ownerEmail: goal.owner });
  const buddy = supportersOf(goal)
    .map((b) => (b.name ? `${unlinked(b.name)} (${b.email})` : b.email))
    .join(', ');
  return t(goal.locale, 'email.confirm.buddy', { buddy, subject, days: REMINDER_AFTER_HOURS / 24 });
}

/** The goal as its buddy reads it: in the language the buddy chose, else the owner's. */
export async function asSeenByBuddy(deps: Deps, goal: Goal, buddy: string): Promise<Goal> {
  const locale = await deps.store.getBuddyLocale(buddy);
  return locale ? { ...goal, locale } : goal;
}
