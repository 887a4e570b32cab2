// The goal page's switches for the weekly loop, each on by default: the one reminder after an unanswered
// check-in, and the mid-period "what is working" email.
import type { Goal } from '../../core/goal.js';
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
        <label class="check">
          <input type="checkbox" name="midReport" value="on" checked={goal.midReportOff !== true} /> {t(locale, 'goal.loop.midReport')}
        </label>
        <button type="submit" class="secondary">
          {t(locale, 'goal.loop.save')}
        </button>
      </form>
    </Panel>
  );
}
