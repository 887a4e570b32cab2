// The circle's signed links, each its own purpose: a member's page (names the member goal and the circle), the
// shareable invitation (names only the circle), the emailed join link (names the circle and the address it
// went to, so a link alone never reveals or attaches anyone's goal), the organiser's step-up (30 minutes)
// and a cheer (sender goal → member goal, week and kind).
import { GOAL_LINK_TTL_SECONDS, STEP_UP_TTL_SECONDS, type Goal } from '../goal.js';
import { pathTo } from '../links/paths.js';
import type { CoreConfig } from '../ports.js';
import { signToken, verifyToken } from '../tokens/tokens.js';
import type { Circle } from './circle.js';

const DAY_SECONDS = 24 * 3600;
/** An invitation passed around a team should last a while; joining still needs the emailed link. */
export const INVITATION_TTL_SECONDS = 30 * DAY_SECONDS;
/** The emailed join link: time to write and confirm a goal first. */
export const JOIN_LINK_TTL_SECONDS = 7 * DAY_SECONDS;

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
type MemberGoal = Pick<Goal, 'owner' | 'id'>;

export function circlePageUrl(config: CoreConfig, circleId: string, goal: MemberGoal, now: Date): string {
  const token = signToken(config.keys, { purpose: 'circle', subject: [goal.owner, goal.id, circleId], expiresAt: seconds(now) + GOAL_LINK_TTL_SECONDS });
  return config.baseUrl + pathTo('circle', token);
}

export function circleInvitationUrl(config: CoreConfig, circle: Pick<Circle, 'id'>, now: Date): string {
  const token = signToken(config.keys, { purpose: 'circle-invite', subject: [circle.id], expiresAt: seconds(now) + INVITATION_TTL_SECONDS });
  return config.baseUrl + pathTo('circle-invite', token);
}

export function circleJoinUrl(config: CoreConfig, circleId: string, email: string, name: string, now: Date): string {
  const token = signToken(config.keys, { purpose: 'circle-join', subject: [circleId, email, name], expiresAt: seconds(now) + JOIN_LINK_TTL_SECONDS });
  return config.baseUrl + pathTo('circle-join', token);
}

const JOIN_PREFIX = pathTo('circle-join');

/** A join link as a goal keeps it: its path, and when it stops working. */
export interface JoinLink {
  path: string;
  until: string;
  circleId: string;
}

/**
 * The join link if `path` is a live join link for this address, else undefined: a sign-up carries it from the
 * join page (a hidden field anyone can edit), so the goal keeps it only when it is genuine and theirs.
 */
export function ownJoinLink(config: CoreConfig, path: string | undefined, email: string, now: Date): JoinLink | undefined {
  const token = path?.startsWith(JOIN_PREFIX) ? path.slice(JOIN_PREFIX.length) : undefined;
  if (!token || !path) return undefined;
  try {
    const claims = verifyToken(config.keys, token, 'circle-join', now);
    const [circleId, address] = claims.subject;
    return circleId && address === email ? { path, until: new Date(claims.expiresAt * 1000).toISOString(), circleId } : undefined;
  } catch {
    return undefined;
  }
}

export type CircleChange = 'remove' | 'close';

/** The organiser's 30-minute link for one change of membership; `member` names the goal to remove. */
export function circleChangeUrl(config: CoreConfig, circleId: string, organiser: MemberGoal, change: CircleChange, now: Date, member?: string): string {
  const subject = [organiser.owner, organiser.id, circleId, member ? `${change}:${member}` : change];
  const token = signToken(config.keys, { purpose: 'circle-change', subject, expiresAt: seconds(now) + STEP_UP_TTL_SECONDS });
  return config.baseUrl + pathTo('circle-change', token);
}

/** The digest's one-click unsubscribe (RFC 8058): stops the circle email to this member, and only that. */
export function circleQuietUrl(config: CoreConfig, circleId: string, goal: MemberGoal, now: Date): string {
  const token = signToken(config.keys, { purpose: 'circle-quiet', subject: [goal.owner, goal.id, circleId], expiresAt: seconds(now) + GOAL_LINK_TTL_SECONDS });
  return config.baseUrl + pathTo('circle-quiet', token);
}

export const cheerKinds = ['clap', 'strong'] as const;
export type CheerKind = (typeof cheerKinds)[number];

export function cheerUrl(config: CoreConfig, circleId: string, from: string, to: string, week: number, kind: CheerKind, now: Date): string {
  const token = signToken(config.keys, {
    purpose: 'circle-cheer',
    subject: [circleId, from, to],
    week,
    value: cheerKinds.indexOf(kind),
    expiresAt: seconds(now) + 14 * DAY_SECONDS,
  });
  return config.baseUrl + pathTo('circle-cheer', token);
}
