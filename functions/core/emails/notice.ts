// A short email to the owner about their goal: a heading, a sentence, an optional block (a buddy's
// message, check-in buttons) and the goal with a link to its page.
import type { Goal } from '../goal.js';
import { goalPageUrl, footerUrls, replyAddress } from '../links/links.js';
import type { CoreConfig, OutgoingEmail } from '../ports.js';
import { renderEmail } from './render.js';
import '../../../templates/compiled/emails/notice.js';

export interface NoticeContent {
  subject: string;
  body: string;
  extra?: { html: string; text: string };
}

export function noticeEmail(config: CoreConfig, goal: Goal, content: NoticeContent, now: Date): OutgoingEmail {
  const rendered = renderEmail(
    'notice',
    goal.locale,
    {
      subject: content.subject,
      body: content.body,
      goalText: goal.text,
      goalUrl: goalPageUrl(config, goal, now),
      ...footerUrls(config, goal.owner, goal.locale, now),
    },
    { html: { extra: content.extra?.html ?? '' }, text: { extra: content.extra?.text ?? '' } },
  );
  return { to: goal.owner, ...rendered, replyTo: replyAddress(config, goal), headers: { 'Auto-Submitted': 'auto-generated' } };
}
