// A goal sent by plain email to the goals address: read from the sentence that holds it (a greeting, thanks
// and a signature are passed over; the subject when the body says nothing measurable), the buddy from a
// "buddy:"/"kompis:" line or the Cc, checked by the same rules as the web form, and answered with what
// Kompis understood, a Confirm link and an Edit link (the web form, prefilled). Nothing starts unconfirmed.
// Only the start of the new text is read: GOAL_WINDOW characters, and the goal from MAX_GOAL_CHARS.
import { isKompisAddress } from '../goals/address-typos.js';
import type { ParsedMail, AddressObject } from 'mailparser';
import addressparser from 'nodemailer/lib/addressparser';
import { MAX_GOAL_CHARS, readGoal, weeklyTarget } from '../analysis/goal-reader.js';
import { renderEmail } from '../emails/render.js';
import '../../../templates/compiled/emails/email-signup.js';
import type { Goal } from '../goal.js';
import { confirmUrl, goalFormUrl, footerUrls } from '../links/links.js';
import { scheduleText, signUp } from '../goals/sign-up.js';
import { displayName, signupDefaults, signupFormSchema } from '../forms/signup-form.js';
import { t } from '../i18n/messages.js';
import { asSupporter } from '../forms/supporter-form.js';
import { MAX_SUPPORTERS, supportersOf } from '../buddy/supporters.js';
import type { Deps } from '../ports.js';
import { goalLanguage } from '../analysis/language.js';
import { bodyText } from '../replies/body-text.js';
import { newText, textAboveQuote } from '../replies/new-text.js';

const BUDDY_LINE = /^\s*(?:buddy|kompis|accountability buddy|forpliktelse-kompis)\s*:\s*(.+)$/im;
/** The goal is in the first lines of what the person wrote; the rest (a long story, a quoted thread) is not read. */
const GOAL_WINDOW = 2000;
/** A goal is among the first sentences; later ones are not weighed. */
const MAX_SENTENCES = 20;
const NAMES_A_GOAL = /^(mitt mål|målet mitt|målet|mål|my goal|the goal|goal|jeg (vil|skal|ønsker)|i (will|want|am going|'m going))/iu;

// A sentence ends at . ! ? before a capital, a digit or a quote — not inside "1. desember" or "ca. 3".
const SENTENCE_END = /(?<=[.!?])\s+(?=[\p{Lu}\p{N}"«“(])|\n+/u;

/**
 * The sentence that holds the goal, as a person reads it: one that names a goal and is measurable ("Målet mitt
 * er å …"), else the first with a count and a cadence, else the first measurable one, else one that names a
 * goal, else the first. A story before it ("i fjor møtte jeg bare 12") is not the goal.
 */
function goalSentence(body: string, start: Date): string {
  const sentences = body
    .slice(0, GOAL_WINDOW)
    .split(SENTENCE_END)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s))
    .slice(0, MAX_SENTENCES);
  const read = sentences.map((text) => ({ text, reading: readGoal(text, start), named: NAMES_A_GOAL.test(goalOpening(text)) }));
  const chosen =
    read.find((s) => s.named && says(s.reading)) ??
    read.find((s) => s.reading.count !== null && s.reading.cadence !== null) ??
    read.find((s) => says(s.reading)) ??
    read.find((s) => s.named) ??
    read[0];
  return (chosen?.text ?? '').slice(0, MAX_GOAL_CHARS);
}

/** Where a sentence may name its goal: at its start, or after a short lead-in ("Thanks! My goal: …", "Målet mitt er …"). */
function goalOpening(sentence: string): string {
  const named = /(mitt mål|målet mitt|my goal|the goal|goal \d+:|mål \d+:)/iu.exec(sentence);
  return named && named.index < 40 ? sentence.slice(named.index) : sentence;
}

function firstAddress(list: AddressObject | AddressObject[] | undefined): { address: string; name: string }[] {
  const objects = Array.isArray(list) ? list : list ? [list] : [];
  return objects.flatMap((o) => o.value).flatMap((a) => (a.address ? [{ address: a.address.toLowerCase(), name: a.name }] : []));
}

/** The buddy line's people, else the Cc's: up to three supporters (issue 20), the first named first. */
function buddiesFrom(mail: ParsedMail, body: string, sender: string, inboundDomain: string): { email: string; name: string | undefined }[] {
  const line = BUDDY_LINE.exec(body);
  const listed = line
    ? addressparser(line[1]!.trim()).flatMap((p) => ('address' in p && p.address ? [{ address: p.address.toLowerCase(), name: p.name }] : []))
    : firstAddress(mail.cc).filter((a) => a.address !== sender && !a.address.endsWith(`@${inboundDomain}`));
  const unique = [...new Map(listed.map((a) => [a.address, a])).values()];
  return unique.slice(0, MAX_SUPPORTERS).map((a) => ({ email: a.address, name: a.name || undefined }));
}

const says = (r: ReturnType<typeof readGoal>) => r.count !== null || r.cadence !== null || r.horizonWeeks !== null;

/** The goal in the person's words: the sentence that holds it; the subject when the body says nothing measurable. */
export function emailGoal(newWords: string, subjectLine: string, now: Date): { goalText: string; structure: ReturnType<typeof readGoal> } {
  const subject = subjectLine.slice(0, MAX_GOAL_CHARS).replace(/\s+/g, ' ').trim();
  const fromBody = goalSentence(newWords, now);
  const bodyReading = readGoal(fromBody, now);
  const subjectReading = readGoal(subject, now);
  const useSubject = !fromBody || (!says(bodyReading) && (subjectReading.count !== null || subjectReading.cadence !== null));
  return useSubject ? { goalText: subject, structure: subjectReading } : { goalText: fromBody, structure: bodyReading };
}

export type EmailSignupOutcome = 'signed-up' | 'invalid';

export async function signUpByEmail(deps: Deps, mail: ParsedMail, sender: { address: string; name: string }): Promise<EmailSignupOutcome> {
  const full = bodyText(mail);
  // The buddy line is read before signatures are cut: alone in the last paragraph it looks like one ("kompis: kari@…").
  const written = textAboveQuote(full);
  const withoutBuddy = newText(full.replace(new RegExp(BUDDY_LINE.source, 'gim'), '')).trim();
  const subject = (mail.subject ?? '').slice(0, MAX_GOAL_CHARS);
  const { goalText, structure } = emailGoal(withoutBuddy, subject, deps.clock.now());
  const weeks = Math.min(52, Math.max(1, structure.horizonWeeks ?? signupDefaults.weeks));
  const perWeek = Math.min(100, Math.max(1, weeklyTarget(structure, weeks) ?? 1));
  // Kompis's own addresses are no one's buddy: an invitation there would be dropped without a word.
  const [buddy, ...more] = buddiesFrom(mail, written, sender.address, deps.config.inboundDomain).filter(
    (b) => !isKompisAddress(b.email, deps.config) && b.email !== sender.address.toLowerCase(),
  );
  const locale = goalLanguage(`${subject} ${goalText}`);

  const fields = {
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
  };
  // A buddy line the form refuses (the sender's own address, one of Kompis's) does not cost the goal its answer:
  // the goal is read without the buddy, and the answer says there is none yet.
  let form = signupFormSchema.safeParse(fields);
  if (!form.success && fields.buddyEmail) form = signupFormSchema.safeParse({ ...fields, buddyName: '', buddyEmail: '' });
  if (!form.success) return 'invalid';

  // The supporters after the first, by the form's rules for the buddy's address and name; one refused is left out.
  const supporters = form.data.buddyEmail ? more.flatMap((b) => asSupporter(b.email, displayName(b.name ?? ''))) : [];
  await signUp(deps, form.data, (d, goal: Goal, now) => {
    const editUrl = goalFormUrl(d.config, goal, { buddyName: goal.buddy?.name, buddyEmail: goal.buddy?.email });
    const understood = [
      t(goal.locale, 'email.signup.understood', { perWeek: goal.targetPerWeek, weeks: goal.weeks, schedule: scheduleText(goal) }),
      structure.count === null ? t(goal.locale, 'email.signup.noNumber') : '',
    ]
      .filter(Boolean)
      .join(' ');
    const named = supportersOf(goal).map((b) => (b.name ? `${b.name} <${b.email}>` : b.email));
    const buddyLine = named.length > 0 ? t(goal.locale, 'email.signup.buddy', { buddy: named.join(', ') }) : t(goal.locale, 'email.signup.noBuddy');
    return {
      ...renderEmail('email-signup', goal.locale, {
        goalText: goal.text,
        understood,
        buddyLine,
        confirmUrl: confirmUrl(d.config, goal, now),
        editUrl,
        ...footerUrls(d.config, goal.owner, goal.locale, now),
      }),
      headers: { 'Auto-Submitted': 'auto-replied' },
    };
  }, supporters);
  return 'signed-up';
}
