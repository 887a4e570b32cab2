// The goal and the person who owns it, as the core sees them.
import type { Locale } from './i18n/messages.js';
import type { Weekday } from './schedule/checkins.js';

export type GoalStatus = 'pending' | 'active' | 'paused' | 'completed' | 'stopped';
export type BuddyStatus = 'not-invited' | 'invited' | 'accepted' | 'declined' | 'left';

export interface Person {
  email: string;
  name?: string;
  locale: Locale;
  timeZone: string;
  createdAt: string;
  /** Raised by "sign out every link I have been sent"; every goal of the person carries a copy. */
  linkGeneration?: number;
}

export interface Buddy {
  /**
   * The supporter's own id in their links and sent markers. The first supporter, stored as `buddy` as
   * before issue 20, has none: its links and markers stay exactly what they were.
   */
  id?: string;
  email: string;
  name?: string;
  status: BuddyStatus;
  /** The number (goal-wide) of the latest invitation asked for this buddy; 0 before the first. */
  invitation: number;
  /** When the asked-for invitation goes out (the tick sends it): at least 10 minutes after confirming. */
  inviteAt?: string;
  invitedAt?: string;
  /** When the one reminder is due; removed once it is sent or the buddy answers. */
  remindAt?: string;
  respondedAt?: string;
}

/** The owner's one move for week `week`: what, and when in the owner's zone; `email` asks for one email at `at`. */
export interface Plan {
  week: number;
  text: string;
  weekday?: Weekday;
  hour?: number;
  minute?: number;
  /** The instant of the plan, the first such day and time after it was made. */
  at?: string;
  email: boolean;
  /** The plan's email went out, or its time passed too long ago to be worth one. */
  done?: boolean;
}

/** The buddy's weekly email that is waiting to go out. */
export interface BuddyReport {
  week: number;
  dueAt: string;
}

export interface Goal {
  id: string;
  owner: string;
  ownerName?: string;
  text: string;
  /** The goal said back as one sentence ("Jeg skal … hver uke frem til 31. mars."), set when confirmed. */
  commitment?: string;
  targetPerWeek: number;
  weeks: number;
  locale: Locale;
  timeZone: string;
  checkinWeekday: Weekday;
  checkinHour: number;
  status: GoalStatus;
  buddy?: Buddy;
  /** Supporters added after the first (each with an id): see buddy/supporters.ts. */
  supporters?: Buddy[];
  /** Of invitationsSent, those asked for the added supporters (see buddy/supporters.ts for the limits). */
  supporterInvitations?: number;
  /** Invitations asked for this goal, to any buddy (at most MAX_INVITATIONS_PER_GOAL), sent or not yet. */
  invitationsSent?: number;
  /** The buddy who said no or left, by name only: the address is removed from the goal. */
  pastBuddy?: { name?: string; status: 'declined' | 'left' };
  /** Share the owner's weekly notes with the buddy (off by default). */
  shareNotes?: boolean;
  buddyReport?: BuddyReport;
  /** The one reminder for an unanswered check-in, waiting to go out (see weekly/checkin-reminder.ts). */
  reminder?: { week: number; dueAt: string };
  /** The owner turned the reminder off on the goal page (on by default). */
  remindersOff?: boolean;
  /** The mid-period "what is working" email, waiting to go out (see weekly/mid-report.ts). */
  midReport?: { week: number; dueAt: string };
  /** The owner turned the mid-period email off on the goal page (on by default). */
  midReportOff?: boolean;
  /** The owner's one move for a week, with a day and time (see weekly/plan.ts). */
  plan?: Plan;
  /** Jokers (skip weeks) this goal may use; jokerBudget() when not set. */
  jokers?: number;
  createdAt: string;
  confirmedAt?: string;
  /** Local date (YYYY-MM-DD, owner's zone) of week 1's check-in; later weeks derive from it. */
  firstCheckinDate?: string;
  /** The week whose check-in is due next (1-based). */
  nextWeek?: number;
  nextCheckinAt?: string;
  pausedAt?: string;
  /** A paused goal with a date resumes by itself then; without one it waits for a click. */
  resumeAt?: string;
  /** Why check-ins stopped: the owner paused, or used the one-click unsubscribe. */
  pauseReason?: 'owner' | 'unsubscribed';
  completedAt?: string;
  stoppedAt?: string;
  /** Epoch seconds; unconfirmed goals are removed by the table's TTL. */
  expiresAt?: number;
  /** The owner's link generation (Person.linkGeneration) when the goal was last signed out; links carry it. */
  linkGeneration?: number;
  /** The date the commitment sentence counts its weeks from: confirmedAt, moved on by every pause (ISO). */
  commitmentStart?: string;
  /** Changes of the goal's words, weekly number or weeks, oldest first: each applies from `fromWeek` on. */
  changes?: GoalChange[];
  /** The circle this goal is a member of (circles/circle.ts); at most one. */
  circle?: string;
  /**
   * The join link (/ca/…) this goal was written from: its owner came from a circle's join page to write a new
   * goal, so once it is confirmed its page offers to join. Gone when the goal joins a circle.
   */
  circleJoin?: { path: string; until: string; circleId: string };
  /** Optimistic lock: every save names the version it read. */
  version: number;
}

/** What the goal said before and after one change. */
export interface GoalTerms {
  text: string;
  perWeek: number;
  weeks: number;
}

/**
 * One honest change: weeks before `fromWeek` keep the target they had (the progress, chart, streak and verdict
 * read each week's own), the history and the buddy's next weekly email say it, and an easier goal in the last
 * two weeks is shown as such in the final report.
 */
export interface GoalChange {
  at: string;
  fromWeek: number;
  from: GoalTerms;
  to: GoalTerms;
  /** A lower number or fewer weeks. */
  easier: boolean;
  /** Made within the goal's last two weeks. */
  late: boolean;
}

/** Unconfirmed goals and their confirm links live this long. */
export const PENDING_TTL_SECONDS = 7 * 24 * 3600;
/** Goal-page links outlive the longest goal (52 weeks) with a margin for the final report. */
export const GOAL_LINK_TTL_SECONDS = 400 * 24 * 3600;
/** Step-up links (export, delete everything, a new buddy) are emailed on request and live this long. */
export const STEP_UP_TTL_SECONDS = 30 * 60;
