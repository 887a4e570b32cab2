// "joker" by reply: the week does not count against the goal, and the read-back says so, with how many
// jokers are left and the week's buttons (a number recorded later replaces the joker and gives it back).
import { DomainError } from '../errors.js';
import type { Goal } from '../goal.js';
import { t } from '../i18n/messages.js';
import type { Deps } from '../ports.js';
import { jokersLine } from '../weekly/checkin-email.js';
import { useJoker } from '../weekly/jokers.js';
import { recordButtons, type AnswerContent } from './answers.js';

export async function jokerByReply(deps: Deps, goal: Goal, week: number, key: string): Promise<AnswerContent> {
  const locale = goal.locale;
  const heading = t(locale, 'reply.joker.subject', { week: Math.max(week, 1) });
  try {
    await useJoker(deps, goal, week, 'reply', key);
  } catch (error) {
    // No joker left, a week with a number, a goal that has ended or a week not yet asked about: said plainly.
    if (!(error instanceof DomainError)) throw error;
    return { heading: t(locale, 'reply.joker.refused.subject'), body: t(locale, error.messageKey) };
  }
  const left = jokersLine(goal, await deps.store.getWeekAnswers(goal.id));
  return {
    heading,
    body: `${t(locale, 'reply.joker.body', { week })} ${left}`,
    buttons: recordButtons(deps.config, goal, week, 'all', deps.clock.now()),
  };
}
