// A week's answer: how many, and optionally a note and where it came from.
export const channels = ['event', 'linkedin', 'referral', 'customer-meeting', 'other'] as const;
export type Channel = (typeof channels)[number];

export const answerSources = ['click', 'reply', 'web'] as const;
export type AnswerSource = (typeof answerSources)[number];

export interface WeekAnswer {
  week: number;
  /** Absent when a reply brought only a note: the week stays unanswered until a number comes. */
  count?: number;
  note?: string;
  channel?: Channel;
  /** The count by channel, when the owner split it ("3 (2 event, 1 referral)"); `channel` is then its largest part. */
  split?: Partial<Record<Channel, number>>;
  source: AnswerSource;
  updatedAt: string;
  /** The owner paused by replying to this week's check-in: the week does not count, and the buddy hears so. */
  paused?: boolean;
  /** The owner used a joker for this week: it does not count against the goal, and the buddy hears so. */
  joker?: boolean;
  /** Keys of the received messages already applied to this week, so a retried message changes nothing twice. */
  replies?: string[];
}

/** The largest count a person can record for a week. */
export const MAX_WEEK_COUNT = 1000;

export type CountedAnswer = WeekAnswer & { count: number };

/** An answer that says how many — not only a note. */
export const isCounted = (answer: WeekAnswer | undefined): answer is CountedAnswer => answer?.count !== undefined;
