// Several supporters per goal (issue 20): up to three buddies, each with their own status, invitation,
// reminder, consent and refusal. The first is stored as `goal.buddy` exactly as before, so every stored goal,
// link and sent marker of a one-buddy goal stays valid; the ones added later live in `goal.supporters`, each
// with an id that their links and sent markers carry. The buddy code works on one supporter at a time: it
// reads the goal "as seen for" that supporter (the supporter in `buddy`) and its patches are put back in
// that supporter's place.
import type { Buddy, Goal } from '../goal.js';
import type { SendKey, Store } from '../ports.js';
import { updateGoal, type GoalPatch } from '../update-goal.js';
import { supportersOf } from '../supporter-list.js';

export const MAX_SUPPORTERS = 3;
/** Invitations for the supporter named first (as before issue 20): a re-invite or two, or someone new after a no. */
export const MAX_INVITATIONS_FIRST = 3;
/** Invitations for the added supporters together: with the first's, at most 6 per goal. */
export const MAX_INVITATIONS_ADDED = 3;

/** Invitations the first supporter's place has left (the goal page's "invitations left"). */
export const firstInvitationsLeft = (goal: Pick<Goal, 'invitationsSent' | 'supporterInvitations'>): number =>
  MAX_INVITATIONS_FIRST - ((goal.invitationsSent ?? 0) - (goal.supporterInvitations ?? 0));

export { supportersOf };

/** The supporter a link or message names: by address, and by id when it names one. */
export function findSupporter(goal: Pick<Goal, 'buddy' | 'supporters'>, email: string, id?: string): Buddy | undefined {
  return supportersOf(goal).find((s) => s.email === email && (id === undefined || s.id === id));
}

export const hasAccepted = (goal: Pick<Goal, 'buddy' | 'supporters'>): boolean => supportersOf(goal).some((s) => s.status === 'accepted');

/** The goal as the one-buddy code reads it for one supporter (id undefined: the first). */
export function seenFor(goal: Goal, id: string | undefined): Goal {
  if (id === undefined) return goal;
  const supporter = goal.supporters?.find((s) => s.id === id);
  return { ...goal, buddy: supporter, pastBuddy: undefined };
}

/**
 * A patch the one-buddy code wrote for one supporter, put back in that supporter's place. The pending
 * weekly email is the goal's: one supporter going (or replaced) drops it only when no other said yes.
 */
export function patchFor(current: Goal, id: string | undefined, patch: GoalPatch): GoalPatch {
  const { buddy, pastBuddy, buddyReport, ...rest } = patch;
  const gone = 'buddy' in patch && buddy === undefined;
  const others = supportersOf(current).filter((s) => s.id !== id);
  const keepReport = buddyReport === undefined && others.some((s) => s.status === 'accepted');
  const report = 'buddyReport' in patch && !keepReport ? { buddyReport } : {};
  if (id === undefined) return { ...rest, ...report, ...('buddy' in patch ? { buddy } : {}), ...('pastBuddy' in patch ? { pastBuddy } : {}) };
  const list = current.supporters ?? [];
  if (!('buddy' in patch)) return { ...rest, ...report };
  const next = gone ? list.filter((s) => s.id !== id) : list.some((s) => s.id === id) ? list.map((s) => (s.id === id ? { ...buddy!, id } : s)) : [...list, { ...buddy!, id }];
  return { ...rest, ...report, supporters: next.length > 0 ? next : undefined };
}

/** updateGoal for one supporter: `change` sees the goal as seen for them. Returns the goal so seen. */
export async function updateSupporter(store: Store, owner: string, goalId: string, id: string | undefined, change: (goal: Goal) => GoalPatch | undefined): Promise<Goal | undefined> {
  const saved = await updateGoal(store, owner, goalId, (current) => {
    const patch = change(seenFor(current, id));
    return patch ? patchFor(current, id, patch) : undefined;
  });
  return saved && seenFor(saved, id);
}

/** An added supporter's sent markers carry their id: one supporter's email never stands for another's. */
export function supporterKey(key: SendKey, buddy: Pick<Buddy, 'id'>): SendKey {
  return buddy.id ? { ...key, kind: `${key.kind}_${buddy.id}` as SendKey['kind'] } : key;
}

/** A new supporter's id: short, random, never reused on the goal (letters and digits, for SES tags). */
export function newSupporterId(): string {
  return `s${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;
}
