// The weekly check-in: the goal, last week's answer, one button per count, a chart of the weeks so far.
import { targetFor } from '../progress/targets.js';
import { marginLine, ruleLine } from '../progress/standing.js';
import { chartSlots } from '../emails/chart.js';
import { buttonsHtml, buttonsText } from '../emails/fragments.js';
import { listHeaders } from '../emails/list-headers.js';
import { renderEmail } from '../emails/render.js';
import '../../../templates/compiled/emails/checkin.js';
import type { Goal } from '../goal.js';
import {
  checkinReplyAddress,
  goalPageUrl,
  footerUrls,
  recordUrl,
  unsubscribeUrl,
  weekPageUrl,
} from '../links/links.js';
import { t, tPlural } from '../i18n/messages.js';
import type { CoreConfig, OutgoingEmail } from '../ports.js';
import { isCounted, type Channel, type WeekAnswer } from '../answers.js';
import { summarize } from '../progress/progress.js';
import { jokersLeft } from './jokers.js';
import { backOnTrack, progressLine, welcomesBack } from './comeback.js';
import { planFor, planLabel } from '../plan-label.js';

/** "1 joker left: reply “joker” …", in every check-in. */
export function jokersLine(goal: Goal, answers: readonly WeekAnswer[]): string {
  const left = jokersLeft(goal, answers);
  return left > 0 ? tPlural(goal.locale, 'email.checkin.jokers', left, { count: left }) : t(goal.locale, 'email.checkin.jokers.none');
}

/** Up to this target, every count 0…target+1 gets a button; above it, a spread of them. */
const ALL_BUTTONS_UP_TO = 9;

/** The counts offered as buttons; the last one means "target+1 or more". */
export function buttonValues(target: number): number[] {
  if (target <= ALL_BUTTONS_UP_TO) return Array.from({ length: target + 2 }, (_, i) => i);
  const spread = [0, Math.round(target / 4), Math.round(target / 2), Math.round((3 * target) / 4), target, target + 1];
  return [...new Set(spread)];
}

/** Every signed link and address a check-in carries; signing is most of the cost of a check-in email. */
export interface CheckinLinks {
  buttons: { value: number; url: string }[];
  weekUrl: string;
  goalUrl: string;
  unsubscribeUrl: string;
  neverUrl: string;
  findUrl: string;
  replyTo: string;
  headers: Record<string, string>;
}

export function checkinLinks(config: CoreConfig, goal: Goal, week: number, sentAt: Date): CheckinLinks {
  return {
    buttons: buttonValues(targetFor(goal, week)).map((value) => ({ value, url: recordUrl(config, goal, week, value, sentAt) })),
    weekUrl: weekPageUrl(config, goal, week, sentAt),
    goalUrl: goalPageUrl(config, goal, sentAt),
    unsubscribeUrl: unsubscribeUrl(config, goal, sentAt),
    ...footerUrls(config, goal.owner, goal.locale, sentAt),
    replyTo: checkinReplyAddress(config, goal, week),
    headers: listHeaders(config, goal, sentAt),
  };
}

/** Fills the precompiled check-in template: no signing, no MJML. */
export function renderCheckin(goal: Goal, week: number, answers: WeekAnswer[], links: CheckinLinks): OutgoingEmail {
  const locale = goal.locale;
  // The week's own target: a change of the goal applies from a later week.
  const target = targetFor(goal, week);
  const buttons = links.buttons.map(({ value, url }) => ({
    label: value === target + 1 ? t(locale, 'email.checkin.orMore', { count: value }) : String(value),
    url,
  }));
  // The chart shows the weeks before this one (none in week 1); this week is what the email asks for.
  const progress = summarize({ ...goal, nextWeek: week }, answers);
  const chart = week > 1 ? chartSlots(progress, goal, week - 1, 'email.checkin.progress') : undefined;
  const previous = answers.find((a) => a.week === week - 1 && isCounted(a));
  const before = answers.find((a) => a.week === week - 1);
  const lastWeek =
    week === 1
      ? t(locale, 'email.checkin.first')
      : previous
        ? t(locale, backOnTrack(progress, week - 1) ? 'email.checkin.last.backOnTrack' : 'email.checkin.last.answered', { count: previous.count ?? 0 })
        : before?.joker
          ? t(locale, 'email.checkin.last.joker')
          : before?.paused
            ? t(locale, 'email.checkin.last.paused')
            : t(locale, 'email.checkin.last.none');
  const welcome = welcomesBack(progress, week) ? ` ${t(locale, 'email.checkin.welcomeBack')}` : '';
  // Last week's split by channel, as the owner gave it: what is working.
  const parts = previous?.split ? Object.entries(previous.split).sort((a, b) => b[1] - a[1]) : [];
  const split = parts.length ? ` ${t(locale, 'email.checkin.last.split', { split: parts.map(([c, n]) => `${t(locale, `channel.plural.${c as Channel}`)} (${n})`).join(', ') })}` : '';
  const rendered = renderEmail(
    'checkin',
    locale,
    {
      week,
      weeks: goal.weeks,
      goalText: goal.text,
      commitment: goal.commitment ?? `${t(locale, 'goal.commitment', { perWeek: target, weeks: goal.weeks })}.`,
      lastWeek: `${lastWeek}${split}${welcome}`,
      progressLine: progressLine(goal, progress, week),
      planLine: planFor(goal, week) ? t(locale, 'email.checkin.plan', { plan: planLabel(goal, planFor(goal, week)!) }) : '',
      jokers: jokersLine(goal, answers),
      // What counts as reached, and how far off the weeks so far stand (the goal page says the same).
      standing: [ruleLine(goal, progress), marginLine(goal, progress)].filter(Boolean).join(' '),
      weekUrl: links.weekUrl,
      goalUrl: links.goalUrl,
      unsubscribeUrl: links.unsubscribeUrl,
      neverUrl: links.neverUrl,
      findUrl: links.findUrl,
    },
    {
      html: { buttons: buttonsHtml(buttons), chart: chart?.html ?? '' },
      text: { buttons: buttonsText(buttons), chart: chart?.text ?? '' },
    },
  );
  return { to: goal.owner, ...rendered, replyTo: links.replyTo, headers: links.headers };
}

export function checkinEmail(config: CoreConfig, goal: Goal, week: number, answers: WeekAnswer[], sentAt: Date): OutgoingEmail {
  return renderCheckin(goal, week, answers, checkinLinks(config, goal, week, sentAt));
}
