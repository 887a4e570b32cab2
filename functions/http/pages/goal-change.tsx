// The goal page's "Change the goal" panel (words, weekly number, weeks) and the list of changes made.
import { changeFromWeek } from '../../core/goals/change-goal.js';
import { changeLines } from '../../core/progress/change-lines.js';
import type { Goal } from '../../core/goal.js';
import { t } from '../../core/i18n/messages.js';
import { Field, Panel } from './form-parts.js';
import { fieldOf, type GoalErrors } from './goal-settings.js';

interface ChangeProps {
  goal: Goal;
  path: string;
  errors: GoalErrors;
  values: Record<string, string>;
}

export function ChangePanel({ goal, path, errors, values }: ChangeProps) {
  const locale = goal.locale;
  const field = fieldOf(locale, errors);
  const v = (name: 'goal' | 'perWeek' | 'weeks', current: string | number) => values[name] ?? String(current);
  return (
    <Panel id="change" title={t(locale, 'change.legend')} value={t(locale, 'goal.target.value', { perWeek: goal.targetPerWeek, weeks: goal.weeks })}
      open={Boolean(errors.goal || errors.perWeek || errors.weeks)}>
      <form method="post" action={`${path}/change`} novalidate>
        <p class="hint" id="change-hint">{t(locale, 'change.hint', { week: changeFromWeek(goal) })}</p>
        <Field {...field('goal', 'form.goal')}>
          {(c) => (
            <textarea {...c} maxlength={500} required>
              {v('goal', goal.text)}
            </textarea>
          )}
        </Field>
        <div class="row">
          <Field {...field('perWeek', 'form.perWeek')}>
            {(c) => <input {...c} type="number" inputmode="numeric" min={1} max={100} step={1} required value={v('perWeek', goal.targetPerWeek)} />}
          </Field>
          <Field {...field('weeks', 'form.weeks')}>
            {(c) => <input {...c} type="number" inputmode="numeric" min={goal.nextWeek ?? 1} max={52} step={1} required value={v('weeks', goal.weeks)} />}
          </Field>
        </div>
        <div class="buttons">
          <button type="submit" class="secondary">
            {t(locale, 'change.save')}
          </button>
        </div>
      </form>
    </Panel>
  );
}

/** Every change, newest first, in the history: from which week, what it was before. */
export function ChangeHistory({ goal }: { goal: Goal }) {
  const changes = goal.changes ?? [];
  if (changes.length === 0) return null;
  const locale = goal.locale;
  return (
    <section class="card span" aria-labelledby="changes-heading">
      <h2 id="changes-heading">{t(locale, 'change.history.heading')}</h2>
      <ul data-testid="changes">
        {[...changes].reverse().map((change) => (
          <li>
            {changeLines(locale, change, 'change.history').join(' ')}
            {change.late && change.easier ? ` ${t(locale, 'change.history.lateEasier')}` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
