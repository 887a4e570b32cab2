// Goals in a known state, made through the same core functions the app uses.
import { confirmGoal } from '../../functions/core/goals/confirm.js';
import type { Goal } from '../../functions/core/goals/goal.js';
import { signUp } from '../../functions/core/goals/sign-up.js';
import { signupFormSchema } from '../../functions/core/goals/signup-form.js';
import type { Deps } from '../../functions/core/ports.js';
import { aSignupForm, type FormFields } from './factories.js';
import type { FixedClock } from './deps.js';

/** Signs up and confirms at the clock's time; returns the active goal. */
export async function anActiveGoal(deps: Deps & { clock: FixedClock }, fields: FormFields = {}): Promise<Goal> {
  const pending = await signUp(deps, signupFormSchema.parse(aSignupForm(fields)));
  const { goal } = await confirmGoal(deps, { owner: pending.owner, goalId: pending.id });
  return goal;
}
