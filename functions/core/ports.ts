// The outside world as the core sees it. Implementations are passed in, never imported.
import type { Goal, Person } from './goals/goal.js';

export interface Clock {
  now(): Date;
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Headers beyond From/To/Subject/Date/Message-ID, e.g. List-Unsubscribe. Values are checked for line breaks. */
  headers?: Record<string, string>;
  replyTo?: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}

export type ActivateResult = 'activated' | 'already-active' | 'missing';

export interface GoalActivation {
  confirmedAt: string;
  firstCheckinDate: string;
  nextCheckinAt: string;
}

export interface Store {
  /** Creates the profile if there is none; an existing profile is left as it is. */
  ensurePerson(person: Person): Promise<void>;
  getPerson(email: string): Promise<Person | undefined>;
  putGoal(goal: Goal): Promise<void>;
  getGoal(owner: string, goalId: string): Promise<Goal | undefined>;
  /** Pending → active, exactly once; puts the goal on the due index. */
  activateGoal(owner: string, goalId: string, activation: GoalActivation): Promise<ActivateResult>;
}

export interface Deps {
  store: Store;
  mailer: Mailer;
  clock: Clock;
  config: CoreConfig;
}

export interface CoreConfig {
  baseUrl: string;
  keys: import('./tokens/tokens.js').SigningKeys;
}

export const systemClock: Clock = { now: () => new Date() };
