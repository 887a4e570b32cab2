// The signed links the product hands out; each names exactly one action on one goal.
import type { Goal } from './goal.js';
import { GOAL_LINK_TTL_SECONDS, PENDING_TTL_SECONDS } from './goal.js';
import type { CoreConfig } from '../ports.js';
import { signToken } from '../tokens/tokens.js';

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

export function confirmUrl(config: CoreConfig, goal: Pick<Goal, 'owner' | 'id'>, now: Date): string {
  const token = signToken(config.keys, {
    purpose: 'confirm',
    subject: [goal.owner, goal.id],
    expiresAt: seconds(now) + PENDING_TTL_SECONDS,
  });
  return `${config.baseUrl}/c/${token}`;
}

export function goalPagePath(config: CoreConfig, goal: Pick<Goal, 'owner' | 'id'>, now: Date): string {
  const token = signToken(config.keys, {
    purpose: 'goal',
    subject: [goal.owner, goal.id],
    expiresAt: seconds(now) + GOAL_LINK_TTL_SECONDS,
  });
  return `/g/${token}`;
}

export function goalPageUrl(config: CoreConfig, goal: Pick<Goal, 'owner' | 'id'>, now: Date): string {
  return `${config.baseUrl}${goalPagePath(config, goal, now)}`;
}
