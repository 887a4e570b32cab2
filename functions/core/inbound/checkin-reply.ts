// A reply to a check-in, from its owner: a command acts and is confirmed with a way to undo it (a pause
// covers the week it answers: that week does not count, and the buddy hears "paused"); a number is recorded
// as a click would be and read back; two plausible numbers, or only words, keep the note and ask once, with
// buttons for the candidates (once a week). Every received message is applied once and answered once (its
// key), however often it is delivered; a goal gets at most MAX_ANSWERS_PER_DAY answers, so nothing can loop.
import { DateTime } from 'luxon';
import { pauseGoal, resumeGoal } from '../goals/actions.js';
import type { Goal } from '../goal.js';
import { goalPageUrl } from '../links/links.js';
import { t } from '../i18n/messages.js';
import type { Deps, OutgoingEmail } from '../ports.js';
import { summarize } from '../progress/progress.js';
import type { Reading } from '../replies/parse-reply.js';
import { formatDate, formatLocal } from '../schedule/checkins.js';
import { applyReply, assertWeekOpen } from '../weekly/record.js';
import { jokerByReply } from './joker-reply.js';
import { planByReply } from './plan-reply.js';
import { backOnTrack } from '../weekly/comeback.js';
import { sendOnce } from '../emails/send-once.js';
import { ownerAnswer, recordButtons, type AnswerContent, type Received } from './answers.js';
import { changeByReply } from './change-reply.js';

export type ReplyOutcome = 'recorded' | 'asked' | 'noted' | 'paused' | 'resumed' | 'stopped' | 'status' | 'joker' | 'planned' | 'changed' | 'empty' | 'closed';

/** Answers to replies a goal gets in a day, at most: a flood or a loop gets silence after this. */
export const MAX_ANSWERS_PER_DAY = 10;

export interface InboundReply {
  received: Received;
  reading: Reading;
  /** The received message's key (message-key.ts). */
  key: string;
}

/** Sends the one answer to this message, unless the goal has had its fill of answers today. */
export async function answerOnce(deps: Deps, goal: Goal, week: number, key: string, build: (now: Date) => OutgoingEmail): Promise<void> {
  const now = deps.clock.now();
  await sendOnce(deps, goal.id, { week, kind: `notice-reply-${key}` }, async (at) => {
    const day = now.toISOString().slice(0, 10);
    const answered = await deps.store.countRate('reply-answer', goal.id, day, Math.floor(now.getTime() / 1000) + 2 * 86400);
    if (answered > MAX_ANSWERS_PER_DAY) throw new AnswerLimit();
    return build(at);
  }).catch((error: unknown) => {
    if (!(error instanceof AnswerLimit)) throw error;
  });
}

class AnswerLimit extends Error {}

/** Marks the week a pause answers; a week that cannot take an answer any more is left as it is. */
async function markPaused(deps: Deps, goal: Goal, week: number, key: string): Promise<boolean> {
  try {
    assertWeekOpen(goal, week);
  } catch {
    return false;
  }
  await applyReply(deps, goal, week, { key, paused: true });
  return ((await deps.store.getWeekAnswers(goal.id)).find((a) => a.week === week)?.count ?? undefined) === undefined;
}

/** When a pause by reply ends: after its weeks, on the 1st of the month it names, or when resumed. */
export function pauseEnd(command: { weeks?: number; untilMonth?: number; untilDay?: number }, now: Date, timeZone: string): Date | undefined {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  if (command.weeks) return today.plus({ weeks: command.weeks }).toJSDate();
  if (!command.untilMonth) return undefined;
  // A day past the month's end ("31. februar") is its last day.
  const at = (year: number) => {
    const first = DateTime.fromObject({ year, month: command.untilMonth, day: 1 }, { zone: timeZone });
    return first.set({ day: Math.min(command.untilDay ?? 1, first.daysInMonth ?? 28) });
  };
  const end = at(today.year) <= today ? at(today.year + 1) : at(today.year);
  return end.toJSDate();
}

/** Records the week's number said along with a command; false when the week cannot take it (closed). */
async function recordBeforeCommand(deps: Deps, goal: Goal, week: number, input: { key: string; count: number; note: string | undefined }): Promise<boolean> {
  try {
    assertWeekOpen(goal, week);
  } catch {
    return false;
  }
  await applyReply(deps, goal, week, input);
  return true;
}

export async function handleCheckinReply(deps: Deps, goal: Goal, week: number, reply: InboundReply): Promise<ReplyOutcome> {
  const { reading, received, key } = reply;
  const locale = goal.locale;
  const ref = { owner: goal.owner, goalId: goal.id };
  const answer = (content: AnswerContent, about: Goal = goal) => answerOnce(deps, goal, week, key, (at) => ownerAnswer(deps.config, about, week, received, content, at));
  const undo = (label: 'reply.undo.resume' | 'reply.undo.pause', word: string, about: Goal) => ({
    label: t(locale, label),
    url: goalPageUrl(deps.config, about, deps.clock.now()),
    hint: t(locale, 'reply.undo.hint', { word }),
  });
  const command = reading.command;

  if (command?.kind === 'pause' || command?.kind === 'stop') {
    if (goal.status !== 'active' && goal.status !== 'paused') return 'closed';
    const resumeAt = command.kind === 'pause' ? pauseEnd(command, deps.clock.now(), goal.timeZone) : undefined;
    // "2 this week. Then pause": the week's number is recorded first, so that week is not a break.
    const recorded = reading.count !== null && week >= 1 && (await recordBeforeCommand(deps, goal, week, { key, count: reading.count, note: reading.note || undefined }));
    const paused = await pauseGoal(deps, ref, resumeAt);
    const marked = await markPaused(deps, goal, week, key);
    const body =
      command.kind === 'stop'
        ? t(locale, 'reply.stopped.body')
        : resumeAt
          ? t(locale, 'reply.paused.body', { date: formatDate(resumeAt, goal.timeZone, locale) })
          : t(locale, 'reply.pausedOpen.body');
    const heading = t(locale, command.kind === 'stop' ? 'reply.stopped.subject' : 'reply.paused.subject');
    const said = [recorded ? t(locale, 'reply.paused.recorded', { count: reading.count!, week }) : '', body, marked ? t(locale, 'reply.paused.week', { week }) : ''];
    await answer({ heading, body: said.filter(Boolean).join(' '), link: undo('reply.undo.resume', t(locale, 'reply.command.resume'), paused) }, paused);
    return command.kind === 'stop' ? 'stopped' : 'paused';
  }
  if (command?.kind === 'resume') {
    if (goal.status !== 'active' && goal.status !== 'paused') return 'closed';
    const resumed = goal.status === 'paused' ? await resumeGoal(deps, ref) : goal;
    const when = resumed.nextCheckinAt ? formatLocal(new Date(resumed.nextCheckinAt), goal.timeZone, locale) : '';
    await answer({ heading: t(locale, 'reply.resumed.subject'), body: t(locale, 'reply.resumed.body', { when }), link: undo('reply.undo.pause', 'pause', resumed) }, resumed);
    return 'resumed';
  }
  if (command?.kind === 'change') return changeByReply(deps, goal, command, answer);
  if (command?.kind === 'status') {
    await answer(statusContent(goal, await deps.store.getWeekAnswers(goal.id)));
    return 'status';
  }
  if (command?.kind === 'joker') {
    // To a check-in: its week; to any other email: the week whose check-in went out last.
    const jokerWeek = week >= 1 ? week : (goal.nextWeek ?? 1) - 1;
    await answer(await jokerByReply(deps, goal, jokerWeek, key));
    return 'joker';
  }

  if (goal.status === 'completed' || goal.status === 'stopped') return 'closed';
  const now = deps.clock.now();
  if (reading.count !== null) {
    await applyReply(deps, goal, week, { key, count: reading.count, note: reading.note || undefined, split: reading.split });
    const vars = { count: reading.count, week };
    const back = backOnTrack(summarize(goal, await deps.store.getWeekAnswers(goal.id)), week) ? ` ${t(locale, 'week.backOnTrack')}` : '';
    // A plan said along with the number is saved; without one, the read-back asks for it.
    const plan = reading.plan ? await planByReply(deps, goal, week, reading.plan) : week < goal.weeks ? t(locale, 'plan.reply.hint') : '';
    const body = [`${t(locale, 'reply.recorded.body', vars)}${back}`, plan].filter(Boolean).join(' ');
    await answer({ heading: t(locale, 'reply.recorded.subject', vars), body, buttons: recordButtons(deps.config, goal, week, 'all', now) });
    return 'recorded';
  }
  if (reading.plan) {
    // To a check-in: the week after it; to any other email: the week after the latest one asked about.
    const planWeek = week >= 1 ? week : (goal.nextWeek ?? 1) - 1;
    const body = await planByReply(deps, goal, planWeek, reading.plan);
    await answer({ heading: t(locale, 'reply.plan.subject', { week: planWeek + 1 }), body });
    return 'planned';
  }
  if (!reading.note && !reading.ask) return 'empty';
  const known = (await deps.store.getWeekAnswers(goal.id)).find((a) => a.week === week)?.count;
  await applyReply(deps, goal, week, { key, note: reading.note || undefined });
  // A week that has its number already: words alone are kept, not asked about ("Takk!" to the read-back).
  if (known !== undefined && !reading.ask) return 'noted';
  const candidates = reading.ask ?? [];
  const body =
    candidates.length >= 2
      ? t(locale, 'reply.ask.candidates.body', { candidates: `${candidates.slice(0, -1).join(', ')} ${t(locale, 'reply.ask.or')} ${candidates[candidates.length - 1]}` })
      : reading.ask
        ? t(locale, 'reply.ask.vague.body', { week })
        : t(locale, 'reply.ask.body', { week });
  // Asked once a week: a second reply of words is kept, not asked about again.
  const content = { heading: t(locale, 'reply.ask.subject', { week }), body, buttons: recordButtons(deps.config, goal, week, candidates.length ? candidates : 'all', now) };
  await sendOnce(deps, goal.id, { week, kind: 'notice-reply-ask' }, (at) => ownerAnswer(deps.config, goal, week, received, content, at));
  return 'asked';
}

/** "Where you stand": the week, the total against the target, weeks on target, the streak. */
export function statusContent(goal: Goal, answers: Parameters<typeof summarize>[1]): AnswerContent {
  const progress = summarize(goal, answers);
  return {
    heading: t(goal.locale, 'reply.status.subject'),
    body: t(goal.locale, 'reply.status.body', {
      week: Math.max(1, progress.closedWeeks),
      weeks: goal.weeks,
      total: progress.total,
      targetTotal: progress.targetTotal,
      onTarget: progress.weeksOnTarget,
      answered: progress.answeredWeeks,
      streak: progress.streak,
    }),
  };
}
