// Writing a goal down: store the person and a pending goal, then ask the owner to confirm by email.
import { ulid } from 'ulid';
import { renderEmail } from '../emails/render.js';
import { t } from '../i18n/messages.js';
import type { Deps, OutgoingEmail } from '../ports.js';
import { formatHour } from '../schedule/checkins.js';
import type { Goal } from './goal.js';
import { PENDING_TTL_SECONDS } from './goal.js';
import { confirmUrl, neverEmailUrl, replyAddress } from './links.js';
import type { SignupForm } from './signup-form.js';

export type ConfirmationEmail = (deps: Deps, goal: Goal, now: Date) => Omit<OutgoingEmail, 'to'>;

/** The same outcome whether or not the address was known, so the page reveals nothing. */
export async function signUp(deps: Deps, form: SignupForm, confirmation: ConfirmationEmail = confirmEmail): Promise<Goal> {
  const now = deps.clock.now();
  await deps.store.ensurePerson({
    email: form.email,
    ...(form.name ? { name: form.name } : {}),
    locale: form.locale,
    timeZone: form.timeZone,
    createdAt: now.toISOString(),
  });
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
    createdAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + PENDING_TTL_SECONDS,
    version: 1,
  };
  await deps.store.saveGoal(goal);
  // Replies come back to the goal (inbound), like every email's.
  await deps.mailer.send({ headers: { 'Auto-Submitted': 'auto-generated' }, replyTo: replyAddress(deps.config, goal), ...confirmation(deps, goal, now), to: goal.owner });
  return goal;
}

export function scheduleText(goal: Goal): string {
  return t(goal.locale, 'schedule.value', {
    weekday: t(goal.locale, `weekday.${goal.checkinWeekday}`),
    time: formatHour(goal.checkinHour),
    timeZone: goal.timeZone,
  });
}

function confirmEmail(deps: Deps, goal: Goal, now: Date) {
  return renderEmail('confirm-goal', goal.locale, {
    goalText: goal.text,
    perWeek: goal.targetPerWeek,
    weeks: goal.weeks,
    schedule: scheduleText(goal),
    confirmUrl: confirmUrl(deps.config, goal, now),
    neverUrl: neverEmailUrl(deps.config, goal.owner, goal.locale, now),
  });
}
