// The goal page's switches for the weekly loop: the one reminder after an unanswered check-in, on by default.
import type { Goal } from '../../core/goals/goal.js';
import { t } from '../../core/i18n/messages.js';
import { Panel } from './form-parts.js';

export function LoopPanel({ goal, path }: { goal: Goal; path: string }) {
  const locale = goal.locale;
  const on = goal.remindersOff !== true;
  return (
    <Panel id="loop" title={t(locale, 'goal.loop.title')} value={t(locale, on ? 'goal.loop.reminders.on' : 'goal.loop.reminders.off')}>
      <form method="post" action={`${path}/loop`}>
        <label class="check">
          <input type="checkbox" name="reminders" value="on" checked={on} /> {t(locale, 'goal.loop.reminders')}
        </label>
        <button type="submit" class="secondary">
          {t(locale, 'goal.loop.save')}
        </button>
      </form>
    </Panel>
  );
}
