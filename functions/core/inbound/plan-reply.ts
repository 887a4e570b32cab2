// "plan: tor 08 kaffe med 2 CFO-er" by reply: saved as the plan for the week after the one answered, and
// said back in the read-back. A plan by reply with a day and a time asks for its email: writing the time
// down is the ask (the week page has the box to untick).
import { DomainError } from '../errors.js';
import type { Goal } from '../goal.js';
import { t } from '../i18n/messages.js';
import type { Deps } from '../ports.js';
import type { PlanReading } from '../replies/plan-line.js';
import { planLabel } from '../plan-label.js';
import { PlanDayPassed, setPlan } from '../weekly/plan.js';

/** Saves the plan; the sentences that say so (or why not) for the read-back. */
export async function planByReply(deps: Deps, goal: Goal, week: number, reading: PlanReading): Promise<string> {
  const locale = goal.locale;
  const current = (await deps.store.getGoal(goal.owner, goal.id)) ?? goal;
  try {
    const plan = await setPlan(deps, current, week, reading, true);
    const saved = t(locale, 'reply.plan.body', { plan: planLabel(goal, plan) });
    return `${saved} ${t(locale, plan.email ? 'reply.plan.email' : 'reply.plan.noTime')}`;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return t(locale, error instanceof PlanDayPassed ? error.messageKey : 'reply.plan.closed');
  }
}
