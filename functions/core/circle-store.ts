// The circle's side of the Store port (ports.ts's Store extends it), and the items it keeps: one partition per
// circle holds the circle item and one item per member, so the page and the digest read it with one Query.
// The rules over them are in circles/circle.ts.
import type { Goal } from './goal.js';
import type { Locale } from './i18n/messages.js';
import type { Weekday } from './schedule/checkins.js';

export interface SharedTarget {
  /** The organiser's words: "the team books 20 meetings this quarter". */
  text: string;
  total: number;
}

export interface Circle {
  id: string;
  name: string;
  /** The organiser's goal (its owner may remove members and close the circle). */
  organiserGoalId: string;
  /** The organiser's address, dropped when the circle closes (an erased organiser leaves no address behind). */
  organiser?: string;
  /** The member goals: the circle item's versioned save holds this set, so no ninth join gets in. */
  memberIds?: string[];
  /** Member goals whose owners stopped the circle email (List-Unsubscribe): still members, sent no digest. */
  quiet?: string[];
  /** Address hashes of people the organiser removed: their old links do not bring them back. */
  removed?: string[];
  /** A closed circle's item goes with the table's TTL (epoch seconds). */
  expiresAt?: number;
  status: 'open' | 'closed';
  createdAt: string;
  closedAt?: string;
  sharedTarget?: SharedTarget;
  /** The circle week the next digest is about (1-based). */
  week: number;
  /** Member check-ins at or after this instant belong to `week` (the circle's start, then each digest's). */
  weekStart: string;
  /** When the next digest falls due (the circle's due-index key); none while no member has a check-in ahead. */
  dueAt?: string;
  /** The digest of `week` waits at least until `until`: its check-ins went out late (circles/digest.ts). */
  hold?: { week: number; until: string };
  version: number;
}

/** One goal's week as the circle sees it: its number against its own target. */
export interface MemberWeek {
  week: number;
  /** When that week's check-in was (or is) sent. */
  checkinAt: string;
  count: number | null;
  target: number;
  onTarget: boolean | null;
  /** The week was skipped with a joker or paused by reply: answered, with no number, not missed. */
  excused?: 'joker' | 'paused';
}

/** What the circle's page and digest show of one member goal, kept up to date as its weeks are answered. */
export interface CircleMember {
  circleId: string;
  goalId: string;
  /** The goal's owner: where the digest goes. Never shown to other members. */
  owner: string;
  name: string;
  locale: Locale;
  goalSentence: string;
  targetPerWeek: number;
  goalStatus: Goal['status'];
  schedule: { firstCheckinDate?: string; weekday: Weekday; hour: number; timeZone: string; weeks: number };
  weeks: MemberWeek[];
  streak: number;
  joinedAt: string;
}

/** Everything of one circle: one Query of its partition. */
export interface CircleItems {
  circle: Circle;
  members: CircleMember[];
}

export interface CircleStore {
  /** Writes the circle if its stored version is still `circle.version - 1` (0: new), with its due-index keys. */
  saveCircle(circle: Circle): Promise<boolean>;
  /** The circle and its members: one Query. */
  getCircle(circleId: string): Promise<CircleItems | undefined>;
  /** Adds a member, or (with `mustExist`) updates one that is still there: a removed member is never written back. */
  putCircleMember(member: CircleMember, mustExist?: boolean): Promise<boolean>;
  deleteCircleMember(circleId: string, goalId: string): Promise<void>;
  /** Circles whose digest is due at or before `nowIso` (a Query per due-index shard). */
  dueCircles(nowIso: string): AsyncIterable<Circle>;
  /** Records a one-a-week mark (a cheer, a relayed message); false when it was there already. */
  markCircleOnce(circleId: string, mark: string): Promise<boolean>;
  /** Removes every mark of a circle (when it closes). */
  deleteCircleMarks(circleId: string): Promise<void>;
}

/** A circle in a person's export: what they see of it, and what it keeps of them. */
export interface CircleExport {
  circle: Pick<Circle, 'id' | 'name' | 'status' | 'createdAt' | 'sharedTarget' | 'week'>;
  organiser: boolean;
  /** False when this member stopped the circle email (its List-Unsubscribe). */
  circleEmail: boolean;
  member: CircleMember;
  otherMembers: string[];
}
