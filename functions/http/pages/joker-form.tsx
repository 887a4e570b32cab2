// The week page's joker: a week that did not happen can be taken out of the goal, once per joker.
import type { Goal } from '../../core/goal.js';
import { t, tPlural } from '../../core/i18n/messages.js';
import { isCounted, type WeekAnswer } from '../../core/answers.js';

export function JokerForm({ goal, week, answer, left, action }: { goal: Goal; week: number; answer?: WeekAnswer | undefined; left: number; action: string }) {
  const locale = goal.locale;
  if (isCounted(answer)) return null;
  if (answer?.joker) {
    return (
      <p class="notice" role="status" data-testid="joker">
        {t(locale, 'week.joker.used', { week })}
      </p>
    );
  }
  return (
    <form method="post" action={`${action}/joker`} class="card">
      <p class="hint">{left > 0 ? tPlural(locale, 'week.joker.hint', left, { count: left }) : t(locale, 'week.joker.none')}</p>
      {left > 0 && (
        <button type="submit" class="secondary">
          {t(locale, 'week.joker.button', { week })}
        </button>
      )}
    </form>
  );
}
