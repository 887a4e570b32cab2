// Goals in a known state, made through the same core functions the app uses.
import { INVITE_AFTER_CONFIRM_MINUTES } from '../../functions/core/buddy/invitations.js';
import { confirmGoal } from '../../functions/core/goals/confirm.js';
import type { Goal } from '../../functions/core/goal.js';
import { signUp } from '../../functions/core/goals/sign-up.js';
import { signupFormSchema } from '../../functions/core/forms/signup-form.js';
import type { Deps } from '../../functions/core/ports.js';
import { aSignupForm, type FormFields } from './factories.js';
import type { FixedClock } from './deps.js';
import { tickAt } from './weekly.js';

/**
 * Signs up and confirms at the clock's time; returns the active goal. A named buddy's invitation goes
 * out as it does in the app: through a tick ten minutes after confirming (the test's clock stays put).
 */
export async function anActiveGoal(deps: Deps & { clock: FixedClock }, fields: FormFields = {}): Promise<Goal> {
  const pending = await signUp(deps, signupFormSchema.parse(aSignupForm(fields)));
  const { goal } = await confirmGoal(deps, { owner: pending.owner, goalId: pending.id });
  if (!goal.buddy?.inviteAt) return goal;
  await tickAt(deps, goal.buddy.inviteAt);
  return (await deps.store.getGoal(goal.owner, goal.id))!;
}

/** The tick that sends invitations asked for until now: ten minutes after the clock's time. */
export function tickInvitations(deps: Deps & { clock: FixedClock }) {
  return tickAt(deps, new Date(deps.clock.now().getTime() + INVITE_AFTER_CONFIRM_MINUTES * 60_000).toISOString());
}
