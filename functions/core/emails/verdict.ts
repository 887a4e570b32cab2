// How a goal's period ended, said the way a person would: the total against the goal, the margin
// ("2 short of 26"), and the rule that decides it. Shared by the owner's and the buddy's final report.
import { escapeHtml } from '../../../templates/escape.js';
import { light } from '../../../templates/palette.js';
import type { Goal } from '../goal.js';
import { t, tPlural, type MessageKey, type Vars } from '../i18n/messages.js';
import type { Progress } from '../progress/progress.js';
import { averagePerWeek, ruleLine } from '../progress/standing.js';
import { lateEasierLine } from '../progress/change-lines.js';

export interface Verdict {
  reached: boolean;
  /** What every sentence about the verdict may use: total, targetTotal, weeks, span ("13 weeks"), perWeek, extra, short. */
  vars: Vars;
  /** "24 in 13 weeks — 2 short of the goal of 26." */
  line: string;
  /** "The goal counts as reached when the weeks add up to 26: 2 a week for 13 weeks." */
  rule: string;
  /** The line as the two email slots: a reached goal in green with a tick, a missed one in plain text colour. */
  slots: { html: string; text: string };
}

export function verdictOf(goal: Goal, progress: Progress): Verdict {
  const { total, targetTotal, reached } = progress;
  const weeks = goal.weeks;
  const span = tPlural(goal.locale, 'email.span', weeks, { weeks });
  const perWeek = averagePerWeek(goal, progress);
  const vars = { total, targetTotal, weeks, span, perWeek, extra: total - targetTotal, short: targetTotal - total };
  const line = t(goal.locale, total > targetTotal ? 'email.verdict.over' : total === targetTotal ? 'email.verdict.exact' : 'email.verdict.short', vars);
  const style = `margin:0;font-weight:bold;color:${reached ? light.accent : light.text}`;
  const html = reached
    ? `<p class="k-verdict-reached" style="${style}">✓ ${escapeHtml(line)}</p>`
    : `<p style="${style}">${escapeHtml(line)}</p>`;
  // The same rule as the goal page and the check-in say (progress/standing.ts).
  const rule = [ruleLine(goal, progress), lateEasierLine(goal)].filter(Boolean).join(' ');
  return { reached, vars, line, rule, slots: { html, text: reached ? `✓ ${line}` : line } };
}

/** A subject or heading with a reached and a not-reached form ("Your 13 weeks are over", "Your week is over"). */
export function verdictText(goal: Goal, verdict: Verdict, base: 'email.final.subject' | 'email.final.heading' | 'email.buddyFinal.subject' | 'email.buddyFinal.heading', vars: Vars): string {
  return verdict.reached ? t(goal.locale, `${base}.reached` as MessageKey, vars) : tPlural(goal.locale, `${base}.notReached`, goal.weeks, vars);
}
