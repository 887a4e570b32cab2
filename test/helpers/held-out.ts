// Scores the readers on the held-out sets (test/fixtures/mail/held-out, test/fixtures/goals/held-out.json):
// what counts as read right is in the README beside each set.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ReplyReading {
  count: number | null;
  note: string;
  autoReply: boolean;
  ask?: number[] | undefined;
  command?: { kind: string; weeks?: number | undefined } | undefined;
  bounce?: { hard: boolean; recipients: string[] } | undefined;
}

interface ReplyExpectation {
  count: number | null;
  autoReply: boolean;
  ask?: number[];
  command?: { kind: string; weeks?: number };
  bounce?: { hard: boolean; recipients: string[] };
  noteIncludes: string[];
  noteExcludes: string[];
  traps: number[];
  why: string;
}

export const HELD_OUT_REPLIES = join(process.cwd(), 'test/fixtures/mail/held-out');

export function heldOutReplyFiles(): { file: string; raw: Buffer; want: ReplyExpectation }[] {
  const expected = JSON.parse(readFileSync(join(HELD_OUT_REPLIES, 'expected.json'), 'utf8')) as Record<string, ReplyExpectation>;
  return readdirSync(HELD_OUT_REPLIES)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((file) => ({ file, raw: readFileSync(join(HELD_OUT_REPLIES, file)), want: expected[file]! }));
}

/** What is wrong with one reading; an empty list when it is right. */
export function replyProblems(want: ReplyExpectation, got: ReplyReading): string[] {
  const problems: string[] = [];
  if (got.count !== want.count) problems.push(`count ${got.count} (want ${want.count})`);
  if (got.autoReply !== want.autoReply) problems.push(`autoReply ${got.autoReply}`);
  if (want.ask && JSON.stringify(got.ask) !== JSON.stringify(want.ask)) problems.push(`ask ${JSON.stringify(got.ask)} (want ${JSON.stringify(want.ask)})`);
  if (!want.ask && got.ask) problems.push(`asked ${JSON.stringify(got.ask)}`);
  const command = (c: ReplyReading['command']) => (c ? `${c.kind}${c.weeks ? `:${c.weeks}` : ''}` : 'none');
  if (command(got.command) !== command(want.command)) problems.push(`command ${command(got.command)} (want ${command(want.command)})`);
  if (want.bounce) {
    const b = got.bounce;
    if (!b || b.hard !== want.bounce.hard || JSON.stringify([...b.recipients].sort()) !== JSON.stringify([...want.bounce.recipients].sort())) {
      problems.push(`bounce ${JSON.stringify(b)} (want ${JSON.stringify(want.bounce)})`);
    }
  }
  for (const part of want.noteIncludes) if (!got.note.includes(part)) problems.push(`note lacks ${JSON.stringify(part)}`);
  for (const part of want.noteExcludes) if (got.note.includes(part)) problems.push(`note has ${JSON.stringify(part)}`);
  return problems;
}

export interface ReplyScore {
  total: number;
  right: number;
  /** Machine-written mail that got a count. */
  automaticCounted: string[];
  /** A count that stands only in the quote or the signature. */
  trapsTaken: string[];
  misses: { file: string; problems: string[] }[];
}

export async function scoreReplies(read: (raw: Buffer) => Promise<ReplyReading>): Promise<ReplyScore> {
  const score: ReplyScore = { total: 0, right: 0, automaticCounted: [], trapsTaken: [], misses: [] };
  for (const { file, raw, want } of heldOutReplyFiles()) {
    const got = await read(raw);
    score.total++;
    const problems = replyProblems(want, got);
    if (problems.length === 0) score.right++;
    else score.misses.push({ file, problems });
    if (want.autoReply && got.count !== null) score.automaticCounted.push(file);
    if (got.count !== null && got.count !== want.count && want.traps.includes(got.count)) score.trapsTaken.push(file);
  }
  return score;
}

interface GoalExpectation {
  text: string;
  language: string;
  count: number | null;
  cadence: string | null;
  horizonWeeks: number | null;
  start: string;
}

export interface GoalReadingForScore {
  count: number | null;
  cadence: string | null;
  horizonWeeks: number | null;
  missing: string[];
}

export function heldOutGoals(): GoalExpectation[] {
  return JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/goals/held-out.json'), 'utf8')) as GoalExpectation[];
}

export function goalProblems(want: GoalExpectation, got: GoalReadingForScore): string[] {
  const problems: string[] = [];
  if (got.count !== want.count) problems.push(`count ${got.count} (want ${want.count})`);
  if (got.cadence !== want.cadence) problems.push(`cadence ${got.cadence} (want ${want.cadence})`);
  if (got.horizonWeeks !== want.horizonWeeks) problems.push(`horizon ${got.horizonWeeks} (want ${want.horizonWeeks})`);
  if (got.missing.includes('count') !== (want.count === null)) problems.push(`missing ${JSON.stringify(got.missing)}`);
  return problems;
}

export function scoreGoals(analyze: (text: string, start: Date) => GoalReadingForScore): { total: number; right: number; misses: { text: string; problems: string[] }[] } {
  const misses: { text: string; problems: string[] }[] = [];
  const cases = heldOutGoals();
  for (const c of cases) {
    const problems = goalProblems(c, analyze(c.text, new Date(`${c.start}T09:00:00Z`)));
    if (problems.length) misses.push({ text: c.text, problems });
  }
  return { total: cases.length, right: cases.length - misses.length, misses };
}
