// A plan as it reads in an email or on a page: "torsdag 08:00: kaffe med 2 CFO-er". Core's root holds it
// because the check-in, the buddy's email and the week page all show it.
import type { Goal, Plan } from './goal.js';
import { t } from './i18n/messages.js';

export const clockTime = (hour: number, minute: number): string => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;

/** "torsdag 08:00: kaffe med 2 CFO-er", or the words alone for a plan without a time. */
export function planLabel(goal: Pick<Goal, 'locale'>, plan: Plan): string {
  if (plan.weekday === undefined || plan.hour === undefined) return plan.text;
  return t(goal.locale, 'plan.label', { day: t(goal.locale, `weekday.${plan.weekday}`), time: clockTime(plan.hour, plan.minute ?? 0), text: plan.text });
}

/** The plan made for `week`, if there is one. */
export const planFor = (goal: Goal, week: number): Plan | undefined => (goal.plan?.week === week ? goal.plan : undefined);
