// The outside world as the core sees it. Implementations are passed in, never imported.
import type { Goal, Person } from './goal.js';
import type { WeekAnswer } from './answers.js';
import type { RateScope } from './rate-scopes.js';
import type { Locale } from './i18n/messages.js';
import type { CircleStore } from './circle-store.js';

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
  /** The From display name when not the service's own, e.g. "Ola Nordmann via Kompis"; the address never changes. */
  fromName?: string;
  /** Threading for an answer to a received message: its Message-ID, and the thread's ids ending with it. */
  inReplyTo?: string;
  references?: string[];
  /** Which claimed marker this email settles; SES echoes it in its Send event (see confirmSend). */
  sendKey?: { goalId: string } & SendKey;
}

export interface Mailer {
  /**
   * Resolves once the mail service accepted the email. Throws SendOutcomeUnknown when it may have been
   * accepted (timeout, lost connection, a 5xx), SendRefused when it surely was not; any other error (a bad
   * header, say) also means it was not.
   */
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}

/** The mail service surely did not take the email (it answered 4xx, or could not be reached): sending again is safe. */
export class SendRefused extends Error {
  constructor(cause: unknown) {
    super(`send refused: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`, { cause });
    this.name = 'SendRefused';
  }
}

/** The mail service may or may not have accepted the email: sending again could deliver it twice. */
export class SendOutcomeUnknown extends Error {
  constructor(cause: unknown) {
    super(`send outcome unknown: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'SendOutcomeUnknown';
  }
}

/** One email per goal, week and kind: the marker is claimed before sending. */
export interface SendKey {
  /** The week, or for invitations the invitation's number. */
  week: number;
  kind: 'checkin' | 'checkin-reminder' | 'plan' | 'mid-report' | 'final' | 'invite' | 'reminder' | 'buddy-report' | 'buddy-final' | `notice-${string}` | `react-${string}` | `circle-${string}`;
}

/**
 * A buddy's side of a goal, so a buddy can list the goals they follow and leave them, and so erasing a
 * person finds every goal that names them. Only a goal's current buddy has one: saying no or leaving
 * removes it (the owner keeps only a hash, see refuseBuddy). 'named': not invited yet.
 */
export interface BuddyLink {
  buddy: string;
  owner: string;
  goalId: string;
  status: 'named' | 'invited' | 'accepted';
  updatedAt: string;
  /** Epoch seconds: a link for a goal nobody confirmed expires with it. */
  expiresAt?: number;
}

/** claimed: go ahead and send · sent: already sent · in-flight: another worker is sending it now. */
export type ClaimResult = 'claimed' | 'sent' | 'in-flight';

export interface Store extends CircleStore {
  /**
   * Creates the profile if there is none; an existing profile is left as it is. With `pendingUntil` (epoch
   * s, a pending goal's expiry) a profile of someone who never confirmed a goal expires with their goals.
   */
  ensurePerson(person: Person, pendingUntil?: number): Promise<void>;
  getPerson(email: string): Promise<Person | undefined>;
  /** A goal was confirmed: its owner's profile, its owner pointer and its buddy's link no longer expire. */
  keepPerson(goal: Goal): Promise<void>;
  /** "Sign out every link": raises the person's link generation to at least `to`, and returns what it is now. */
  raiseLinkGeneration(email: string, to: number): Promise<number>;
  listGoals(owner: string): Promise<Goal[]>;
  /**
   * Writes the goal if its stored version is still `goal.version - 1` (0: a new goal), and keeps its
   * due-index keys in step with its state. False when someone else changed it first.
   */
  saveGoal(goal: Goal): Promise<boolean>;
  /** Removes a goal that is still pending (its confirmation email never went out); a confirmed one is left as it is. */
  discardPendingGoal(owner: string, goalId: string): Promise<void>;
  getGoal(owner: string, goalId: string): Promise<Goal | undefined>;
  /** The goal from its id alone (signed reply addresses carry only the id). */
  getGoalById(goalId: string): Promise<Goal | undefined>;
  /** Goals on one due-index shard whose due time is at or before `nowIso`, oldest first. */
  dueGoals(shard: number, nowIso: string): AsyncIterable<Goal>;

  claimSend(goalId: string, key: SendKey, now: Date): Promise<ClaimResult>;
  markSent(goalId: string, key: SendKey, messageId: string): Promise<void>;
  releaseSend(goalId: string, key: SendKey): Promise<void>;
  /** The mail service's own word that it accepted the email: a claim still "sending" becomes "sent". */
  confirmSend(goalId: string, key: SendKey, messageId: string): Promise<boolean>;

  /** The last answer for a week stands. */
  putWeekAnswer(goalId: string, answer: WeekAnswer): Promise<void>;
  getWeekAnswers(goalId: string): Promise<WeekAnswer[]>;

  putBuddyLink(link: BuddyLink): Promise<void>;
  deleteBuddyLink(buddy: string, goalId: string): Promise<void>;
  /** The language a buddy chose on their page; until then they read the owner's. */
  getBuddyLocale(buddy: string): Promise<Locale | undefined>;
  setBuddyLocale(buddy: string, locale: Locale): Promise<void>;
  listBuddyLinks(buddy: string): Promise<BuddyLink[]>;

  /** Bounced, complained or asked never to be emailed: never send to it. */
  isSuppressed(email: string): Promise<boolean>;
  suppress(email: string, reason: 'bounce' | 'complaint' | 'unsubscribe', at: string): Promise<void>;

  /** The buddy said no to, or left, one of this owner's goals: the owner may not invite them again. */
  refuseBuddy(owner: string, buddy: string, at: string): Promise<void>;
  hasRefused(owner: string, buddy: string): Promise<boolean>;

  /** Adds one to a counter for `window` (kept until `expiresAt`, epoch s) and returns the new count. */
  countRate(scope: RateScope, key: string, window: string, expiresAt: number): Promise<number>;

  /**
   * Removes every item keyed by the person or naming them: profile, goals with their weeks, markers and
   * owner pointers, their goals' buddy links, their own buddy links and language, address counters.
   */
  deletePerson(email: string): Promise<number>;

  /** Everything stored about one person, for the JSON export. */
  exportPerson(email: string): Promise<PersonExport>;
}

/** Everything stored about one person, for the JSON export. */
export interface PersonExport {
  person?: Person;
  goals: (Goal & { answers: WeekAnswer[]; emailsSent: { week: number; kind: string; state: string; at?: string }[] })[];
  /** Other people's goals this person was asked to follow as a buddy, and their language there. */
  asBuddy: { goals: BuddyLink[]; language?: Locale };
  /** Buddies who said no or left, as the one-way fingerprint that is all Kompis keeps of them. */
  refusedBuddies: { fingerprint: string; at: string }[];
  /** Owners whose goal this person said no to, or left (each of them keeps only the fingerprint above). */
  refusedOwners: { owner: string; at: string }[];
  /** Rate counters keyed by this address, while their window lasts. */
  rateCounters: { scope: string; window: string; count: number }[];
  /** The circles this person's goals are in: the circle, their own member item, the others by name only. */
  circles?: import('./circle-store.js').CircleExport[];
}

/** Every kind of queue message: the tick's due conditions (core/due.ts) and the sender's table (weekly/send.ts) each need one entry per kind. */
export const queueKinds = ['checkin', 'checkin-reminder', 'plan', 'mid-report', 'final', 'resume', 'buddy-invite', 'buddy-reminder', 'buddy-report', 'circle-digest'] as const;
export type QueueKind = (typeof queueKinds)[number];

export interface QueueMessage {
  kind: QueueKind;
  owner: string;
  goalId: string;
  /** The week the message is about (resume: the week that resumes; buddy-invite, buddy-reminder: the invitation's number). */
  week: number;
}

/** Receives of a queue message before it goes to the dead-letter queue (SQS's maxReceiveCount). */
export const MAX_RECEIVES = 10;

export interface Queue {
  send(messages: QueueMessage[]): Promise<void>;
}

/** The CloudWatch namespace of every metric the functions publish; the alarms read it too. */
export const METRICS_NAMESPACE = 'Kompis';

/** Counts operators watch: CloudWatch metrics in AWS. */
export interface Metrics {
  count(name: 'CeilingReached', dimensions: Record<string, string>): void;
}

export interface Deps {
  store: Store;
  mailer: Mailer;
  clock: Clock;
  config: CoreConfig;
  metrics?: Metrics;
}

export interface CoreConfig {
  baseUrl: string;
  /** Domain of the addresses Kompis receives mail on (signed Reply-To, unsubscribe mailto). */
  inboundDomain: string;
  /** The From address Kompis sends with ("Kompis <coach@…>"); its domain is one of Kompis's own. */
  from?: string;
  keys: import('./tokens/tokens.js').SigningKeys;
  /** Hourly ceilings on confirmation and invitation emails; DEFAULT_CEILINGS when not set. */
  ceilings?: import('./limits/ceilings.js').Ceilings;
  /** The web's sign-up answer takes at least this long (ms), whatever the address; none when not set. */
  signupMinMs?: number;
}

export const systemClock: Clock = { now: () => new Date() };

/** Where received raw messages are: S3 in production, a folder locally. */
export interface RawMailStore {
  get(messageId: string): Promise<Buffer>;
  /** Once handled, a message is not kept: what it changed is in the table, and the person can delete that. */
  delete(messageId: string): Promise<void>;
}
