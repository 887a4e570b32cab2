// The signed links and addresses the product hands out; each names exactly one action on one goal.
import type { Locale } from '../i18n/messages.js';
import type { CoreConfig } from '../ports.js';
import { finalReportAt } from '../schedule/checkins.js';
import { addressFor } from '../tokens/address-tokens.js';
import { signToken, type TokenClaims, type TokenPurpose } from '../tokens/tokens.js';
import type { Goal } from '../goal.js';
import { pathTo } from './paths.js';
import { goalEnds, signedOnce } from './link-cache.js';
import { GOAL_LINK_TTL_SECONDS, PENDING_TTL_SECONDS, STEP_UP_TTL_SECONDS } from '../goal.js';

type GoalIds = Pick<Goal, 'owner' | 'id' | 'linkGeneration'>;
/** What an inbound address names: the goal alone. */
type GoalId = Pick<Goal, 'id'>;
/** What an answer link needs to know to end with the goal. */
type AnswerGoal = GoalIds & Pick<Goal, 'weeks' | 'firstCheckinDate' | 'checkinWeekday' | 'checkinHour' | 'timeZone'>;

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const DAY_SECONDS = 24 * 3600;
/** An old email's "never email me again" should still work years later; all it can do is stop mail. */
const NEVER_LINK_TTL_SECONDS = 10 * 365 * DAY_SECONDS;

/**
 * Links that act for the owner carry the owner's link generation, so "sign out every link" ends them.
 * Unsubscribe and "never email me again" do not: all they can do is stop mail, and RFC 8058 wants an
 * old email's one-click unsubscribe to keep working.
 */
export const generationBound: ReadonlySet<TokenPurpose> = new Set(['confirm', 'goal', 'record', 'week', 'remember', 'export', 'erase', 'buddy-change']);

function goalToken(config: CoreConfig, goal: GoalIds, now: Date, claims: Omit<TokenClaims, 'subject' | 'expiresAt'>, ttl = GOAL_LINK_TTL_SECONDS, extra: string[] = []) {
  const generation = generationBound.has(claims.purpose) && goal.linkGeneration ? { generation: goal.linkGeneration } : {};
  return signToken(config.keys, { ...claims, ...generation, subject: [goal.owner, goal.id, ...extra], expiresAt: seconds(now) + ttl });
}

/**
 * Answer and week links end with the goal: at its final report as now scheduled (a day's margin for a late
 * tick), not 400 days on. A goal not yet started counts its weeks from now. At least a day, always.
 */
function answerLinkTtl(goal: AnswerGoal, now: Date): number {
  const schedule = { weekday: goal.checkinWeekday, hour: goal.checkinHour, timeZone: goal.timeZone };
  const first = goal.firstCheckinDate;
  const end = first
    ? goalEnds.get(`${first} ${goal.weeks} ${schedule.weekday} ${schedule.hour} ${schedule.timeZone}`, () => seconds(finalReportAt(first, goal.weeks, schedule)))
    : seconds(now) + (goal.weeks + 1) * 7 * DAY_SECONDS;
  return Math.max(end + DAY_SECONDS - seconds(now), DAY_SECONDS);
}

export function confirmUrl(config: CoreConfig, goal: GoalIds, now: Date): string {
  return config.baseUrl + pathTo('confirm', goalToken(config, goal, now, { purpose: 'confirm' }, PENDING_TTL_SECONDS));
}

export function goalPagePath(config: CoreConfig, goal: GoalIds, now: Date): string {
  return pathTo('goal', goalToken(config, goal, now, { purpose: 'goal' }));
}

export function goalPageUrl(config: CoreConfig, goal: GoalIds, now: Date): string {
  return `${config.baseUrl}${goalPagePath(config, goal, now)}`;
}

/** One check-in button: record `value` for `week`. */
export function recordUrl(config: CoreConfig, goal: AnswerGoal, week: number, value: number, sentAt: Date): string {
  return config.baseUrl + pathTo('record', goalToken(config, goal, sentAt, { purpose: 'record', week, value }, answerLinkTtl(goal, sentAt)));
}

export function weekPagePath(config: CoreConfig, goal: AnswerGoal, week: number, now: Date): string {
  return weekPagePaths(config, goal, now)(week);
}

/**
 * The week pages' paths of one page view: the links' lifetime worked out once, not per week. A week link's
 * claims do not depend on the moment of the view (it expires with the goal), so each is signed once (link-cache.ts).
 */
export function weekPagePaths(config: CoreConfig, goal: AnswerGoal, now: Date): (week: number) => string {
  const ttl = answerLinkTtl(goal, now);
  const claims = `week ${goal.owner} ${goal.id} ${goal.linkGeneration ?? 0} ${seconds(now) + ttl}`;
  return (week) => pathTo('week', signedOnce(config.keys, `${claims} ${week}`, () => goalToken(config, goal, now, { purpose: 'week', week }, ttl)));
}

export function weekPageUrl(config: CoreConfig, goal: AnswerGoal, week: number, now: Date): string {
  return `${config.baseUrl}${weekPagePath(config, goal, week, now)}`;
}

export function unsubscribeUrl(config: CoreConfig, goal: GoalIds, now: Date): string {
  return config.baseUrl + pathTo('unsubscribe', goalToken(config, goal, now, { purpose: 'unsubscribe' }));
}

/** What a step-up link does; each is its own purpose and page (paths.ts), emailed at the moment it is asked for. */
export type StepUp = 'export' | 'erase' | 'buddy-change';

/** A link emailed at the moment the owner asks for it, good for 30 minutes; `extra` names e.g. the new buddy. */
export function stepUpUrl(config: CoreConfig, goal: GoalIds, action: StepUp, now: Date, extra: string[] = [], value?: number): string {
  return config.baseUrl + pathTo(action, goalToken(config, goal, now, { purpose: action, ...(value !== undefined ? { value } : {}) }, STEP_UP_TTL_SECONDS, extra));
}

/** A buddy's step-up link to erase what Kompis knows about them. */
export function forgetUrl(config: CoreConfig, person: string, locale: Locale, now: Date): string {
  const token = signToken(config.keys, { purpose: 'forget', subject: [person], expiresAt: seconds(now) + STEP_UP_TTL_SECONDS });
  return `${config.baseUrl}${pathTo('forget', token)}?lang=${locale}`;
}

/** How long a browser stays remembered (Chromium keeps no cookie longer than 400 days anyway). */
export const REMEMBER_TTL_SECONDS = 400 * DAY_SECONDS;

/** The remembered-browser cookie's value: names the owner, ends with their link generation. */
export function rememberToken(config: CoreConfig, owner: Pick<Goal, 'owner' | 'linkGeneration'>, now: Date): string {
  const generation = owner.linkGeneration ? { generation: owner.linkGeneration } : {};
  return signToken(config.keys, { purpose: 'remember', subject: [owner.owner], expiresAt: seconds(now) + REMEMBER_TTL_SECONDS, ...generation });
}

/** "Never email me again", in every email: names only the recipient's address, and does only that. */
export function neverEmailUrl(config: CoreConfig, recipient: string, locale: Locale, now: Date): string {
  const token = signToken(config.keys, { purpose: 'never', subject: [recipient], expiresAt: seconds(now) + NEVER_LINK_TTL_SECONDS });
  return `${config.baseUrl}${pathTo('never', token)}?lang=${locale}`;
}

/** "Find my goals" in every email footer and on the front page. */
export function findGoalsUrl(config: CoreConfig, locale: Locale): string {
  return `${config.baseUrl}${pathTo('find')}?lang=${locale}`;
}

/** The footer links every email carries: "never email me again" for the recipient, and "find my goals". */
export function footerUrls(config: CoreConfig, recipient: string, locale: Locale, now: Date): { neverUrl: string; findUrl: string } {
  return { neverUrl: neverEmailUrl(config, recipient, locale, now), findUrl: findGoalsUrl(config, locale) };
}

/** Reply-To of a check-in: a reply lands on this goal and week. */
export function checkinReplyAddress(config: CoreConfig, goal: GoalIds, week: number): string {
  return addressFor(config.keys, { purpose: 'checkin', goalId: goal.id, week }, config.inboundDomain);
}

/** Reply-To of every other email about a goal (to its owner or its buddy): a reply reaches the goal, not a dead mailbox. */
export function replyAddress(config: CoreConfig, goal: GoalId): string {
  return addressFor(config.keys, { purpose: 'reply', goalId: goal.id, week: 0 }, config.inboundDomain);
}

export function unsubscribeMailto(config: CoreConfig, goal: GoalIds): string {
  return `mailto:${addressFor(config.keys, { purpose: 'unsubscribe', goalId: goal.id, week: 0 }, config.inboundDomain)}?subject=unsubscribe`;
}

/** A supporter as their links name them: the address, and an added supporter's id (issue 20). */
export type SupporterRef = string | { email: string; id?: string | undefined };

/** Buddy links name the buddy's address too: when the owner changes buddy, the old buddy's links stop working. */
function buddyToken(config: CoreConfig, goal: GoalIds, buddy: SupporterRef, now: Date, claims: Omit<TokenClaims, 'subject' | 'expiresAt'>) {
  const subject = typeof buddy === 'string' ? [buddy] : [buddy.email, ...(buddy.id ? [buddy.id] : [])];
  return signToken(config.keys, { ...claims, subject: [goal.owner, goal.id, ...subject], expiresAt: seconds(now) + GOAL_LINK_TTL_SECONDS });
}

export function invitationUrl(config: CoreConfig, goal: GoalIds, buddy: SupporterRef, now: Date): string {
  return config.baseUrl + pathTo('invite', buddyToken(config, goal, buddy, now, { purpose: 'invite' }));
}

export function reactionUrl(config: CoreConfig, goal: GoalIds, buddy: SupporterRef, week: number, kind: number, now: Date): string {
  return config.baseUrl + pathTo('react', buddyToken(config, goal, buddy, now, { purpose: 'react', week, value: kind }));
}

export function buddyLeaveUrl(config: CoreConfig, goal: GoalIds, buddy: SupporterRef, now: Date): string {
  return config.baseUrl + pathTo('buddy-leave', buddyToken(config, goal, buddy, now, { purpose: 'buddy-leave' }));
}

export function buddyPageUrl(config: CoreConfig, buddy: string, now: Date): string {
  const token = signToken(config.keys, { purpose: 'buddy', subject: [buddy], expiresAt: seconds(now) + GOAL_LINK_TTL_SECONDS });
  return config.baseUrl + pathTo('buddy', token);
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
  return `${config.baseUrl}${pathTo('signup')}?${params}`;
}
