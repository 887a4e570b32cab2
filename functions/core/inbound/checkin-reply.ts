// A reply to a check-in: a number is recorded as a click would be (same upsert, same buddy timing) and
// read back once; words without a number are kept and the question asked once; a command acts and is
// confirmed. Each kind of answer goes at most once per goal and week, so nothing can loop.
import type { ParsedMail } from 'mailparser';
import { buttonsHtml, buttonsText } from '../emails/fragments.js';
import { noticeEmail } from '../emails/notice.js';
import { pauseGoal, resumeGoal } from '../goals/actions.js';
import type { Goal } from '../goals/goal.js';
import { checkinReplyAddress, recordUrl } from '../goals/links.js';
import { t } from '../i18n/messages.js';
import type { Deps, OutgoingEmail } from '../ports.js';
import { readReply } from '../replies/parse-reply.js';
import { formatDate, formatLocal } from '../schedule/checkins.js';
import { buttonValues } from '../weekly/checkin-email.js';
import { keepNote, recordAnswer } from '../weekly/record.js';
import { sendOnce } from '../weekly/send-once.js';
import { DateTime } from 'luxon';

export type ReplyOutcome = 'recorded' | 'note-kept' | 'paused' | 'resumed' | 'stopped' | 'empty' | 'closed';

/** Keeps a reply in its thread: In-Reply-To and References, when the message id is well formed. */
function threadHeaders(mail: ParsedMail): Record<string, string> {
  const id = mail.messageId;
  return id && /^<[^<>\s]{1,250}>$/.test(id) ? { 'In-Reply-To': id, References: id } : {};
}

function answerEmail(deps: Deps, goal: Goal, week: number, mail: ParsedMail, subject: string, body: string, withButtons: boolean, now: Date): OutgoingEmail {
  const buttons = withButtons
    ? buttonValues(goal.targetPerWeek).map((value) => ({
        label: value === goal.targetPerWeek + 1 ? t(goal.locale, 'email.checkin.orMore', { count: value }) : String(value),
        url: recordUrl(deps.config, goal, week, value, now),
      }))
    : [];
  const email = noticeEmail(
    deps.config,
    goal,
    {
      subject,
      body,
      ...(buttons.length ? { extra: { html: buttonsHtml(buttons), text: buttonsText(buttons) } } : {}),
    },
    now,
  );
  return {
    ...email,
    replyTo: checkinReplyAddress(deps.config, goal, week),
    headers: { ...email.headers, ...threadHeaders(mail) },
  };
}

export async function handleCheckinReply(deps: Deps, goal: Goal, week: number, mail: ParsedMail): Promise<ReplyOutcome> {
  const reply = readReply(mail, { locale: goal.locale, goalText: goal.text });
  const locale = goal.locale;
  const ref = { owner: goal.owner, goalId: goal.id };
  const once = (kind: string, build: (now: Date) => OutgoingEmail) => sendOnce(deps, goal.id, { week, kind: `notice-reply-${kind}` }, build);

  const command = reply.command;
  if (command?.kind === 'pause' || command?.kind === 'stop') {
    if (goal.status !== 'active' && goal.status !== 'paused') return 'closed';
    const now = deps.clock.now();
    const resumeAt = command.kind === 'pause' && command.weeks
      ? DateTime.fromJSDate(now, { zone: goal.timeZone }).startOf('day').plus({ weeks: command.weeks }).toJSDate()
      : undefined;
    const paused = await pauseGoal(deps, ref, resumeAt);
    const [subject, body] =
      command.kind === 'stop'
        ? [t(locale, 'reply.stopped.subject'), t(locale, 'reply.stopped.body')]
        : resumeAt
          ? [t(locale, 'reply.paused.subject'), t(locale, 'reply.paused.body', { date: formatDate(resumeAt, goal.timeZone, locale) })]
          : [t(locale, 'reply.paused.subject'), t(locale, 'reply.pausedOpen.body')];
    await once(command.kind, (at) => answerEmail(deps, paused, week, mail, subject, body, false, at));
    return command.kind === 'stop' ? 'stopped' : 'paused';
  }
  if (command?.kind === 'resume') {
    if (goal.status !== 'paused') return goal.status === 'active' ? 'resumed' : 'closed';
    const resumed = await resumeGoal(deps, ref);
    const when = resumed.nextCheckinAt ? formatLocal(new Date(resumed.nextCheckinAt), goal.timeZone, locale) : '';
    await once('resume', (at) =>
      answerEmail(deps, resumed, week, mail, t(locale, 'reply.resumed.subject'), t(locale, 'reply.resumed.body', { when }), false, at),
    );
    return 'resumed';
  }

  if (goal.status === 'completed' || goal.status === 'stopped') return 'closed';
  if (reply.count !== null) {
    await recordAnswer(deps, goal, week, { count: reply.count, note: reply.note || undefined, source: 'reply' });
    const vars = { count: reply.count, week };
    await once('recorded', (at) =>
      answerEmail(deps, goal, week, mail, t(locale, 'reply.recorded.subject', vars), t(locale, 'reply.recorded.body', vars), true, at),
    );
    return 'recorded';
  }
  if (!reply.note) return 'empty';
  await keepNote(deps, goal, week, reply.note);
  await once('ask', (at) =>
    answerEmail(deps, goal, week, mail, t(locale, 'reply.ask.subject', { week }), t(locale, 'reply.ask.body', { week }), true, at),
  );
  return 'note-kept';
}
