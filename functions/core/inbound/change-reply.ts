// "change: 3 per week" / "endre: 3 i uka" by reply: the goal changes from the week after the one being
// lived, and the answer says from which week, with the goal page to change it again.
import { changeGoal, ChangeRefused } from '../goals/change-goal.js';
import type { Goal } from '../goal.js';
import { goalPageUrl } from '../links/links.js';
import { t } from '../i18n/messages.js';
import type { Deps } from '../ports.js';
import type { ChangeCommand } from '../replies/change-command.js';
import type { AnswerContent } from './answers.js';

export async function changeByReply(deps: Deps, goal: Goal, command: ChangeCommand, answer: (content: AnswerContent, about?: Goal) => Promise<unknown>): Promise<'changed' | 'closed'> {
  if (goal.status !== 'active' && goal.status !== 'paused') return 'closed';
  const locale = goal.locale;
  const heading = t(locale, 'reply.changed.subject');
  const link = (about: Goal) => ({ label: t(locale, 'reply.changed.link'), url: goalPageUrl(deps.config, about, deps.clock.now()) });
  const edit = { ...(command.perWeek ? { perWeek: command.perWeek } : {}), ...(command.weeks ? { weeks: command.weeks } : {}) };
  try {
    const { goal: changed, change } = await changeGoal(deps, { owner: goal.owner, goalId: goal.id }, edit);
    const vars = { perWeek: changed.targetPerWeek, weeks: changed.weeks };
    const body = change ? t(locale, 'reply.changed.body', { ...vars, week: change.fromWeek }) : t(locale, 'reply.changed.same', vars);
    await answer({ heading, body, link: link(changed) }, changed);
  } catch (error) {
    if (!(error instanceof ChangeRefused)) throw error;
    await answer({ heading, body: t(locale, 'reply.changed.refused'), link: link(goal) });
  }
  return 'changed';
}
