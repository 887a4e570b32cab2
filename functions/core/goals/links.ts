// The signed links and addresses the product hands out; each names exactly one action on one goal.
import type { Locale } from '../i18n/messages.js';
import type { CoreConfig } from '../ports.js';
import { addressFor } from '../tokens/address-tokens.js';
import { signToken, type TokenClaims } from '../tokens/tokens.js';
import type { Goal } from './goal.js';
import { GOAL_LINK_TTL_SECONDS, PENDING_TTL_SECONDS } from './goal.js';

type GoalIds = Pick<Goal, 'owner' | 'id'>;

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
/** An old email's "never email me again" should still work years later; all it can do is stop mail. */
const NEVER_LINK_TTL_SECONDS = 10 * 365 * 24 * 3600;

function goalToken(config: CoreConfig, goal: GoalIds, now: Date, claims: Omit<TokenClaims, 'subject' | 'expiresAt'>, ttl = GOAL_LINK_TTL_SECONDS) {
  return signToken(config.keys, { ...claims, subject: [goal.owner, goal.id], expiresAt: seconds(now) + ttl });
}

export function confirmUrl(config: CoreConfig, goal: GoalIds, now: Date): string {
  return `${config.baseUrl}/c/${goalToken(config, goal, now, { purpose: 'confirm' }, PENDING_TTL_SECONDS)}`;
}

export function goalPagePath(config: CoreConfig, goal: GoalIds, now: Date): string {
  return `/g/${goalToken(config, goal, now, { purpose: 'goal' })}`;
}

export function goalPageUrl(config: CoreConfig, goal: GoalIds, now: Date): string {
  return `${config.baseUrl}${goalPagePath(config, goal, now)}`;
}

/** One check-in button: record `value` for `week`; `sentAt` lets the landing page tell a scanner from a person. */
export function recordUrl(config: CoreConfig, goal: GoalIds, week: number, value: number, sentAt: Date): string {
  const token = goalToken(config, goal, sentAt, { purpose: 'record', week, value, issuedAt: seconds(sentAt) });
  return `${config.baseUrl}/r/${token}`;
}

export function weekPagePath(config: CoreConfig, goal: GoalIds, week: number, now: Date): string {
  return `/w/${goalToken(config, goal, now, { purpose: 'week', week })}`;
}

export function weekPageUrl(config: CoreConfig, goal: GoalIds, week: number, now: Date): string {
  return `${config.baseUrl}${weekPagePath(config, goal, week, now)}`;
}

export function unsubscribeUrl(config: CoreConfig, goal: GoalIds, now: Date): string {
  return `${config.baseUrl}/u/${goalToken(config, goal, now, { purpose: 'unsubscribe' })}`;
}

/** "Never email me again", in every email: names only the recipient's address, and does only that. */
export function neverEmailUrl(config: CoreConfig, recipient: string, locale: Locale, now: Date): string {
  const token = signToken(config.keys, { purpose: 'never', subject: [recipient], expiresAt: seconds(now) + NEVER_LINK_TTL_SECONDS });
  return `${config.baseUrl}/n/${token}?lang=${locale}`;
}

/** Reply-To of a check-in: a reply lands on this goal and week. */
export function checkinReplyAddress(config: CoreConfig, goal: GoalIds, week: number): string {
  return addressFor(config.keys, { purpose: 'checkin', goalId: goal.id, week }, config.inboundDomain);
}

/** Reply-To of every other email about a goal (to its owner or its buddy): a reply reaches the goal, not a dead mailbox. */
export function replyAddress(config: CoreConfig, goal: GoalIds): string {
  return addressFor(config.keys, { purpose: 'reply', goalId: goal.id, week: 0 }, config.inboundDomain);
}

export function unsubscribeMailto(config: CoreConfig, goal: GoalIds): string {
  return `mailto:${addressFor(config.keys, { purpose: 'unsubscribe', goalId: goal.id, week: 0 }, config.inboundDomain)}?subject=unsubscribe`;
}

/** Buddy links name the buddy's address too: when the owner changes buddy, the old buddy's links stop working. */
function buddyToken(config: CoreConfig, goal: GoalIds, buddy: string, now: Date, claims: Omit<TokenClaims, 'subject' | 'expiresAt'>) {
  return signToken(config.keys, { ...claims, subject: [goal.owner, goal.id, buddy], expiresAt: seconds(now) + GOAL_LINK_TTL_SECONDS });
}

export function invitationUrl(config: CoreConfig, goal: GoalIds, buddy: string, now: Date): string {
  return `${config.baseUrl}/i/${buddyToken(config, goal, buddy, now, { purpose: 'invite' })}`;
}

export function reactionUrl(config: CoreConfig, goal: GoalIds, buddy: string, week: number, kind: number, now: Date): string {
  return `${config.baseUrl}/k/${buddyToken(config, goal, buddy, now, { purpose: 'react', week, value: kind })}`;
}

export function buddyLeaveUrl(config: CoreConfig, goal: GoalIds, buddy: string, now: Date): string {
  return `${config.baseUrl}/bl/${buddyToken(config, goal, buddy, now, { purpose: 'buddy-leave' })}`;
}

export function buddyPageUrl(config: CoreConfig, buddy: string, now: Date): string {
  const token = signToken(config.keys, { purpose: 'buddy', subject: [buddy], expiresAt: seconds(now) + GOAL_LINK_TTL_SECONDS });
  return `${config.baseUrl}/buddy/${token}`;
}

/** The sign-up form filled in with a goal's fields: to edit an emailed goal, or to set the next one. */
export function goalFormUrl(config: CoreConfig, goal: Goal, extra: Record<string, string | number | undefined> = {}): string {
  return prefilledFormUrl(config, {
    lang: goal.locale,
    email: goal.owner,
    name: goal.ownerName,
    goal: goal.text,
    perWeek: goal.targetPerWeek,
    weeks: goal.weeks,
    timeZone: goal.timeZone,
    weekday: goal.checkinWeekday,
    hour: goal.checkinHour,
    ...extra,
  });
}

/** The sign-up form with its fields filled in. */
export function prefilledFormUrl(config: CoreConfig, fields: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined && value !== '') params.set(name, String(value));
  return `${config.baseUrl}/?${params}`;
}
