// Reading a goal from a link: the token names it, the store holds it, a signed-out link no longer opens it.
import { GoalNotFound, LinkSignedOut } from '../errors.js';
import type { Goal } from '../goal.js';
import { generationBound } from '../links/links.js';
import type { Deps } from '../ports.js';
import { verifyToken, type TokenClaims, type TokenPurpose } from '../tokens/tokens.js';

export interface GoalRef {
  owner: string;
  goalId: string;
  /** The link generation of the link this came from, when it is bound to one (see generationBound). */
  generation?: number;
}

/** The goal a verified token names. */
export function goalRef(claims: TokenClaims): GoalRef {
  const [owner, goalId] = claims.subject;
  if (!owner || !goalId) throw new GoalNotFound('token names no goal');
  return { owner, goalId, ...(generationBound.has(claims.purpose) ? { generation: claims.generation ?? 0 } : {}) };
}

export function readGoalToken(deps: Deps, token: string, purpose: TokenPurpose): GoalRef {
  return goalRef(verifyToken(deps.config.keys, token, purpose, deps.clock.now()));
}

/** Throws LinkSignedOut when the link that named this goal (or person) is from before the owner signed every link out. */
export function assertLinkCurrent(goal: Pick<Goal, 'linkGeneration'>, ref: Pick<GoalRef, 'generation'>): void {
  if (ref.generation !== undefined && ref.generation !== (goal.linkGeneration ?? 0)) throw new LinkSignedOut();
}

export async function loadGoal(deps: Deps, ref: GoalRef): Promise<Goal> {
  const goal = await deps.store.getGoal(ref.owner, ref.goalId);
  if (!goal) throw new GoalNotFound();
  assertLinkCurrent(goal, ref);
  return goal;
}
