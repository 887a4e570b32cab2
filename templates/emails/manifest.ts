// Every kind of email Kompis sends: its MJML (templates/emails/<name>.mjml and .txt, or `source`'s) and the
// catalog key of its subject. The build compiles each in every language, the runtime's EmailName is its
// keys, and test/unit/email-kinds.test.ts fails until a new kind has a sample (and so its screenshots,
// rendering checks and pseudo-locale check). A new email kind is one entry here, its MJML and its copy.
import type { MessageKey } from '../messages/index.js';

/** Each email and the catalog key of its subject; `source` when it shares another email's MJML. */
export const emailManifest = {
  'confirm-goal': { subject: 'email.confirm.subject' },
  checkin: { subject: 'email.checkin.subject' },
  'checkin-reminder': { subject: 'email.checkinReminder.subject' },
  plan: { subject: 'email.plan.subject' },
  'mid-report': { subject: 'email.midReport.subject' },
  'final-report': { subject: 'email.final.subject' },
  'buddy-invite': { subject: 'email.invite.subject' },
  'buddy-reminder': { subject: 'email.reminder.subject', source: 'buddy-invite' },
  'buddy-weekly': { subject: 'email.buddyWeekly.subject' },
  'buddy-final': { subject: 'email.buddyFinal.subject' },
  notice: { subject: 'email.notice.subject' },
  'email-signup': { subject: 'email.signup.subject' },
  link: { subject: 'email.link.subject' },
  'short-answer': { subject: 'email.answer.subject' },
  'my-goals': { subject: 'email.myGoals.subject' },
  // Circles (issue 20)
  'circle-digest': { subject: 'email.circleDigest.subject' },
} as const satisfies Record<string, { subject: MessageKey; source?: string }>;

export type EmailName = keyof typeof emailManifest;
