// Writing a goal down: store the person and a pending goal, then ask the owner to confirm by email.
import { ulid } from 'ulid';
import { invitationPreview, linkNamedBuddy } from '../buddy/invitations.js';
import { newSupporterId, seenFor, supportersOf } from '../buddy/supporters.js';
import { unlinked } from '../emails/unlinked.js';
import { renderEmail } from '../emails/render.js';
import '../../../templates/compiled/emails/confirm-goal.js';
import { withinCeiling } from '../limits/ceilings.js';
import { t } from '../i18n/messages.js';
import { EmailNotSent, LimitReached } from '../errors.js';
import { SendOutcomeUnknown, type Deps, type OutgoingEmail } from '../ports.js';
import { formatHour } from '../schedule/checkins.js';
import type { Goal } from '../goal.js';
import { PENDING_TTL_SECONDS } from '../goal.js';
import { confirmUrl, footerUrls, replyAddress } from '../links/links.js';
import type { SignupForm } from '../forms/signup-form.js';
import { ownJoinLink } from '../circles/circle-links.js';

export type ConfirmationEmail = (deps: Deps, goal: Goal, now: Date) => Omit<OutgoingEmail, 'to'>;

/**
 * The same outcome whether or not the address was known, so the page reveals nothing. The pending goal is
 * written first (the email's confirm link names it), the profile and the buddy's link once the email went
 * out: a confirmation that surely was not sent leaves nothing behind but the counters, which count attempts.
 * Someone else may have typed the address: everything written here expires with the pending goal unless it
 * is confirmed. For a suppressed address nothing is written at all (the goal comes back unsaved).
 */
export async function signUp(
  deps: Deps,
  form: SignupForm,
  confirmation: ConfirmationEmail = confirmEmail,
  /** More supporters than the form's one buddy (the email sign-up's, issue 20), asked for with the buddy. */
  more: { email: string; name?: string }[] = [],
): Promise<Goal> {
  const now = deps.clock.now();
  if (!(await withinCeiling(deps, 'confirmation', form.email))) throw new LimitReached('error.rate.busy');
  const expiresAt = Math.floor(now.getTime() / 1000) + PENDING_TTL_SECONDS;
  const person = { email: form.email, ...(form.name ? { name: form.name } : {}), locale: form.locale, timeZone: form.timeZone, createdAt: now.toISOString() };
  const linkGeneration = (await deps.store.getPerson(form.email))?.linkGeneration;
  const join = ownJoinLink(deps.config, form.join, form.email, now);
  const goal: Goal = {
    id: ulid(now.getTime()),
    owner: form.email,
    ...(form.name ? { ownerName: form.name } : {}),
    text: form.goal,
    targetPerWeek: form.perWeek,
    weeks: form.weeks,
    locale: form.locale,
    timeZone: form.timeZone,
    checkinWeekday: form.weekday as Goal['checkinWeekday'],
    checkinHour: form.hour,
    status: 'pending',
    ...(form.buddyEmail
      ? { buddy: { email: form.buddyEmail, ...(form.buddyName ? { name: form.buddyName } : {}), status: 'not-invited' as const, invitation: 0 } }
      : {}),
    ...(form.buddyEmail && more.length > 0 ? { supporters: more.map((b) => ({ id: newSupporterId(), ...b, status: 'not-invited' as const, invitation: 0 })) } : {}),
    createdAt: now.toISOString(),
    expiresAt,
    ...(linkGeneration ? { linkGeneration } : {}),
    ...(join ? { circleJoin: join } : {}),
    version: 1,
  };
  // An address that asked for no more mail, or was erased, can never get the confirm link: nothing is written
  // under it (someone else typed it, or the person forgot), and the page reads as for any other address.
  if (await deps.store.isSuppressed(goal.owner)) return goal;
  await deps.store.saveGoal(goal);
  const keep = async () => {
    await deps.store.ensurePerson(person, expiresAt);
    for (const { id } of supportersOf(goal)) await linkNamedBuddy(deps, seenFor(goal, id));
  };
  try {
    // Replies come back to the goal (inbound), like every email's.
    await deps.mailer.send({ headers: { 'Auto-Submitted': 'auto-generated' }, replyTo: replyAddress(deps.config, goal), ...confirmation(deps, goal, now), to: goal.owner });
  } catch (error) {
    if (error instanceof SendOutcomeUnknown) {
      // SES may have taken it, and its link must then work: the goal stays (unconfirmed, it expires on its own).
      await keep();
      throw new EmailNotSent('error.email.signupUnknown', { cause: error });
    }
    // Surely not sent. Should the discard fail too, the goal's TTL removes it: nobody can confirm it.
    await deps.store.discardPendingGoal(goal.owner, goal.id).catch(() => undefined);
    throw new EmailNotSent('error.email.signupRefused', { cause: error });
  }
  await keep();
  return goal;
}

export function scheduleText(goal: Goal): string {
  return t(goal.locale, 'schedule.value', {
    weekday: t(goal.locale, `weekday.${goal.checkinWeekday}`),
    time: formatHour(goal.checkinHour),
    timeZone: goal.timeZone,
  });
}

/** The address may be someone else's: the goal's words come with no live links, and the buddy line says who is asked. */
export function confirmEmail(deps: Pick<Deps, 'config'>, goal: Goal, now: Date) {
  return renderEmail('confirm-goal', goal.locale, {
    goalText: unlinked(goal.text),
    buddyLine: invitationPreview(goal),
    perWeek: goal.targetPerWeek,
    weeks: goal.weeks,
    schedule: scheduleText(goal),
    confirmUrl: confirmUrl(deps.config, goal, now),
    ...footerUrls(deps.config, goal.owner, goal.locale, now),
  });
}
