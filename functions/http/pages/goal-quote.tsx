// A goal as every page shows it: the person's own words, then the commitment sentence (or, before
// the goal is confirmed, the plain target).
import type { Goal } from '../../core/goal.js';
import { t } from '../../core/i18n/messages.js';

export function GoalQuote({ goal }: { goal: Goal }) {
  return (
    <>
      <p class="goal-quote">{goal.text}</p>
      <p class="muted" data-testid="commitment">
        {goal.commitment ?? t(goal.locale, 'goal.target.value', { perWeek: goal.targetPerWeek, weeks: goal.weeks })}
      </p>
    </>
  );
}
