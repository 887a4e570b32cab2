// A goal sent by plain email to the goals address: read from subject and body, the buddy from a
// "buddy:"/"kompis:" line or the Cc, checked by the same rules as the web form, and answered with what
// Kompis understood, a Confirm link and an Edit link (the web form, prefilled). Nothing starts unconfirmed.
import type { ParsedMail, AddressObject } from 'mailparser';
import addressparser from 'nodemailer/lib/addressparser';
import { readGoal, weeklyTarget } from '../analysis/goal-reader.js';
import { renderEmail } from '../emails/render.js';
import type { Goal } from '../goals/goal.js';
import { confirmUrl, goalFormUrl, neverEmailUrl } from '../goals/links.js';
import { scheduleText, signUp } from '../goals/sign-up.js';
import { displayName, signupDefaults, signupFormSchema } from '../goals/signup-form.js';
import { t } from '../i18n/messages.js';
import type { Deps } from '../ports.js';
import { goalLanguage } from '../analysis/language.js';
import { newText } from '../replies/new-text.js';
import { MAX_READ_CHARS } from '../replies/parse-reply.js';

const BUDDY_LINE = /^\s*(?:buddy|kompis|accountability buddy|forpliktelse-kompis)\s*:\s*(.+)$/im;

function firstAddress(list: AddressObject | AddressObject[] | undefined): { address: string; name: string }[] {
  const objects = Array.isArray(list) ? list : list ? [list] : [];
  return objects.flatMap((o) => o.value).flatMap((a) => (a.address ? [{ address: a.address.toLowerCase(), name: a.name }] : []));
}

function buddyFrom(mail: ParsedMail, body: string, sender: string, inboundDomain: string) {
  const line = BUDDY_LINE.exec(body);
  if (line) {
    const [parsed] = addressparser(line[1]!.trim());
    if (parsed && 'address' in parsed && parsed.address) return { email: parsed.address.toLowerCase(), name: parsed.name || undefined };
  }
  const cc = firstAddress(mail.cc).find((a) => a.address !== sender && !a.address.endsWith(`@${inboundDomain}`));
  return cc ? { email: cc.address, name: cc.name || undefined } : undefined;
}

export type EmailSignupOutcome = 'signed-up' | 'invalid';

export async function signUpByEmail(deps: Deps, mail: ParsedMail, sender: { address: string; name: string }): Promise<EmailSignupOutcome> {
  const body = newText((mail.text ?? '').slice(0, MAX_READ_CHARS));
  const withoutBuddy = body.replace(new RegExp(BUDDY_LINE.source, 'gim'), '').trim();
  const subject = (mail.subject ?? '').trim();
  // The goal in the person's words: the body's first paragraph, else the subject.
  const goalText = (withoutBuddy.split(/\n\s*\n/)[0] ?? '').replace(/\s+/g, ' ').trim() || subject;
  const structure = readGoal(`${subject}\n${goalText}`);
  const weeks = Math.min(52, Math.max(1, structure.horizonWeeks ?? signupDefaults.weeks));
  const perWeek = Math.min(100, Math.max(1, weeklyTarget(structure, weeks) ?? 1));
  const buddy = buddyFrom(mail, body, sender.address, deps.config.inboundDomain);
  const locale = goalLanguage(`${subject} ${goalText}`);

  const form = signupFormSchema.safeParse({
    email: sender.address,
    // A display name is whatever the sender's client put there: made into a name the form takes, or left out.
    name: displayName(sender.name),
    goal: goalText.slice(0, 500),
    perWeek: String(perWeek),
    weeks: String(weeks),
    buddyName: displayName(buddy?.name ?? ''),
    buddyEmail: buddy?.email ?? '',
    locale,
    timeZone: signupDefaults.timeZone,
    weekday: String(signupDefaults.weekday),
    hour: String(signupDefaults.hour),
  });
  if (!form.success) return 'invalid';

  await signUp(deps, form.data, (d, goal: Goal, now) => {
    const editUrl = goalFormUrl(d.config, goal, { buddyName: goal.buddy?.name, buddyEmail: goal.buddy?.email });
    const understood = [
      t(goal.locale, 'email.signup.understood', { perWeek: goal.targetPerWeek, weeks: goal.weeks, schedule: scheduleText(goal) }),
      structure.count === null ? t(goal.locale, 'email.signup.noNumber') : '',
    ]
      .filter(Boolean)
      .join(' ');
    const buddyLine = goal.buddy
      ? t(goal.locale, 'email.signup.buddy', { buddy: goal.buddy.name ? `${goal.buddy.name} <${goal.buddy.email}>` : goal.buddy.email })
      : t(goal.locale, 'email.signup.noBuddy');
    return {
      ...renderEmail('email-signup', goal.locale, {
        goalText: goal.text,
        understood,
        buddyLine,
        confirmUrl: confirmUrl(d.config, goal, now),
        editUrl,
        neverUrl: neverEmailUrl(d.config, goal.owner, goal.locale, now),
      }),
      headers: { 'Auto-Submitted': 'auto-replied' },
    };
  });
  return 'signed-up';
}
