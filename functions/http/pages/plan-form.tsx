// The week page's question after a week is recorded: "Your one move for next week — which day and time?"
import type { Goal } from '../../core/goal.js';
import { t, type MessageKey } from '../../core/i18n/messages.js';
import { planFor, planLabel } from '../../core/plan-label.js';
import { Field } from './form-parts.js';
import { HourOptions, WeekdayOptions } from './schedule-options.js';

export type PlanErrors = Partial<Record<'planDay' | 'planHour' | 'planText', MessageKey>>;

export function PlanForm({ goal, week, action, errors = {}, values = {} }: { goal: Goal; week: number; action: string; errors?: PlanErrors; values?: Record<string, string> }) {
  const locale = goal.locale;
  const plan = planFor(goal, week + 1);
  const first = (['planDay', 'planHour', 'planText'] as const).find((name) => errors[name]);
  const field = (name: keyof PlanErrors, label: MessageKey) => ({ name, label: t(locale, label), locale, error: errors[name], focus: name === first });
  return (
    <form method="post" action={`${action}/plan`} class="card" id="plan" novalidate>
      <h2>{t(locale, 'plan.ask')}</h2>
      {plan && (
        <p class="notice" role="status" data-testid="plan">
          {t(locale, 'plan.saved', { week: plan.week, plan: planLabel(goal, plan) })}
        </p>
      )}
      <div class="row">
        <Field {...field('planDay', 'plan.day')}>
          {(c) => (
            <select {...c}>
              <WeekdayOptions locale={locale} selected={values.planDay ?? String(plan?.weekday ?? goal.checkinWeekday)} />
            </select>
          )}
        </Field>
        <Field {...field('planHour', 'plan.hour')}>
          {(c) => (
            <select {...c}>
              <HourOptions selected={values.planHour ?? String(plan?.hour ?? 8)} />
            </select>
          )}
        </Field>
      </div>
      <Field {...field('planText', 'plan.text')} hint={t(locale, 'plan.text.hint')}>
        {(c) => <input {...c} type="text" maxlength={200} required value={values.planText ?? plan?.text ?? ''} />}
      </Field>
      <label class="check">
        <input type="checkbox" name="planEmail" value="on" checked={values.planText !== undefined ? values.planEmail === 'on' : (plan?.email ?? false)} /> {t(locale, 'plan.email')}
      </label>
      <button type="submit" class="secondary">
        {t(locale, 'plan.save')}
      </button>
    </form>
  );
}
