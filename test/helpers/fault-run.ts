// A whole one-week period for many goals with buddies — check-ins, buddy reports, final reports — run by
// a tick every 15 minutes while a share of every DynamoDB and SES call fails and the queue redelivers
// whole batches. Used by the fast test (a few hundred goals) and the soak test (2,000).
import { ulid } from 'ulid';
import { expect } from 'vitest';
import { createDynamoClient, createSesClient } from '../../functions/adapters/clients.js';
import { DynamoStore } from '../../functions/adapters/dynamo-store.js';
import { SesMailer } from '../../functions/adapters/ses-mailer.js';
import { SuppressionAwareMailer } from '../../functions/core/emails/suppression.js';
import type { Goal } from '../../functions/core/goal.js';
import type { AppConfig } from '../../functions/config.js';
import type { Clock, Deps } from '../../functions/core/ports.js';
import { recordAnswer } from '../../functions/core/weekly/record.js';
import { handleSendBatch } from '../../functions/core/weekly/send.js';
import { createPacer } from '../../functions/core/emails/send-rate.js';
import { runTick } from '../../functions/core/weekly/tick.js';
import { MemoryQueue } from '../../functions/local/memory-queue.js';
import { publishLocalSendEvents } from '../../functions/local/ses-send-events.js';
import { testConfig } from './deps.js';
import { aGoal, uniqueEmail } from './factories.js';
import { injectFaults, seededRandom, type FaultPlan } from './faults.js';
import { outbox, type OutboxEmail } from './outbox.js';
import { memberOf } from '../../functions/core/circles/circle.js';

const T0 = Date.parse('2026-03-06T14:00:00Z');
const QUARTER = 15 * 60_000;
/** The check-in, the buddy's report 48 h later without an answer, the final report 48 h after the check-in. */
const PERIOD_END = T0 + 50 * 3600_000;

/**
 * Real store and mailer whose DynamoDB and SES clients fail as `plan` says. SES's Send events reach
 * the feedback function, a process of its own: they are applied through `eventStore`, which has no faults.
 */
export function depsWithFaults(config: AppConfig, clock: Clock, plan: FaultPlan, eventStore: DynamoStore) {
  // The SDK's retries as in production, without its waits (a second or more after a throttle).
  const retryBackoff = { computeNextBackoffDelay: () => 1, setDelayBase: () => undefined };
  const dynamo = createDynamoClient({ ...config, retryBackoff });
  injectFaults(dynamo, 'dynamodb', plan);
  const ses = createSesClient({ ...config, retryBackoff });
  injectFaults(ses, 'ses', plan);
  const sendEvents = publishLocalSendEvents(ses, eventStore);
  const store = new DynamoStore(dynamo, config.tableName);
  const mailer = new SuppressionAwareMailer(store, new SesMailer(ses, { from: config.from, messageIdDomain: '127.0.0.1' }));
  const deps: Deps = { store, mailer, clock, config };
  return { deps, sendEvents };
}

export interface FaultRunResult {
  goals: Goal[];
  final: (Goal | undefined)[];
  /** Per goal: what the owner and the buddy received. */
  mail: { owner: OutboxEmail[]; buddy: OutboxEmail[]; more: OutboxEmail[][] }[];
  deadLetters: number;
  ticksFailed: number;
  injected: Record<string, number>;
  seed: number;
}

export async function runPeriodThroughFaults(options: { goals: number; failureRate: number; seed: number; table: string }): Promise<FaultRunResult> {
  const config = testConfig({ KOMPIS_TABLE: options.table });
  let now = new Date(T0);
  const clock: Clock = { now: () => new Date(now) };
  const clean = new DynamoStore(createDynamoClient(config), config.tableName);

  const plan: FaultPlan = { rate: options.failureRate, random: seededRandom(options.seed), injected: {} };
  const { deps, sendEvents } = depsWithFaults(config, clock, plan, clean);

  const goals = Array.from({ length: options.goals }, (_, i) =>
    aGoal({
      id: ulid(T0 - i),
      owner: uniqueEmail('fault-owner'),
      ownerName: 'Ola',
      buddy: { email: uniqueEmail('fault-buddy'), name: 'Kari', status: 'accepted', invitation: 1 },
      // Every third goal has a second supporter who said yes (issue 20): their own markers, their own emails.
      ...(i % 3 === 0 ? { supporters: [{ id: `s${i}`, email: uniqueEmail('fault-per'), name: 'Per', status: 'accepted' as const, invitation: 2 }] } : {}),
      weeks: 1,
      nextWeek: 1,
      firstCheckinDate: '2026-03-06',
      nextCheckinAt: new Date(T0).toISOString(),
      version: 1,
    }),
  );
  // Circles of four goals of one parity: the answering half's circles get their digest at once after the last
  // answer, the others' 48 hours after the check-in — each member exactly one, like every other email.
  const circleIds = new Map<number, string>();
  const circleOf = (i: number) => {
    const group = Math.floor(i / 8) * 2 + (i % 2);
    if (!circleIds.has(group)) circleIds.set(group, ulid(T0 - 10_000 - group));
    return circleIds.get(group)!;
  };
  goals.forEach((goal, i) => (goal.circle = circleOf(i)));
  for (let i = 0; i < goals.length; i += 25) await Promise.all(goals.slice(i, i + 25).map((goal) => clean.saveGoal(goal)));
  for (const id of new Set(goals.map((g) => g.circle!))) {
    const members = goals.filter((g) => g.circle === id).map((g) => memberOf(id, g, [], g.ownerName!, new Date(T0 - 3600_000).toISOString()));
    for (const member of members) await clean.putCircleMember(member);
    const weekStart = new Date(T0 - 3600_000).toISOString();
    await clean.saveCircle({ id, name: 'Salg', organiserGoalId: members[0]!.goalId, organiser: members[0]!.owner, status: 'open', createdAt: weekStart, week: 1, weekStart, dueAt: new Date(T0 + 48 * 3600_000).toISOString(), version: 1 });
  }

  const queue = new MemoryQueue({ redeliver: () => plan.random() < 0.1 });
  const pacer = createPacer(1000);
  let ticksFailed = 0;
  let answered = false;
  for (let at = T0; at <= PERIOD_END; at += QUARTER) {
    now = new Date(at);
    // Half the owners answer two hours in: their buddies hear an hour later, the rest after 48 hours.
    if (!answered && at >= T0 + 2 * 3600_000) {
      answered = true;
      const answerDeps = { ...deps, store: clean };
      for (const goal of goals.filter((_, i) => i % 2 === 0)) {
        const current = await clean.getGoal(goal.owner, goal.id);
        if (current) await recordAnswer(answerDeps, current, 1, { count: 2, source: 'click' });
      }
    }
    try {
      await runTick({ store: deps.store, queue }, now);
    } catch {
      // EventBridge runs the next tick in 15 minutes; the due index still holds every goal not moved on.
      ticksFailed++;
    }
    await queue.drain((records) => handleSendBatch({ ...deps, pacer }, records));
  }
  await sendEvents.settled();

  const final = await Promise.all(goals.map((goal) => clean.getGoal(goal.owner, goal.id)));
  const sent = await outbox();
  const to = (address: string) => sent.filter((email) => email.destination.to.includes(address));
  const mail = goals.map((goal) => ({ owner: to(goal.owner), buddy: to(goal.buddy!.email), more: (goal.supporters ?? []).map((s) => to(s.email)) }));
  return { goals, final, mail, deadLetters: queue.deadLetters.length, ticksFailed, injected: plan.injected, seed: options.seed };
}

/** Every goal completed; its owner got one check-in, one reminder if unanswered, one circle digest and one final report, its buddy one weekly and one final report. */
export function expectEveryEmailExactlyOnce(run: FaultRunResult) {
  const context = `seed ${run.seed}`;
  expect(run.deadLetters, context).toBe(0);
  run.goals.forEach((goal, i) => {
    const { owner, buddy, more } = run.mail[i]!;
    const subjects = (emails: typeof owner) => emails.map((email) => email.subject).sort();
    expect(run.final[i]?.status, `${context}, goal ${goal.id}`).toBe('completed');
    expect(run.final[i]?.buddyReport, `${context}, goal ${goal.id}`).toBeUndefined();
    expect(run.final[i]?.reminder, `${context}, goal ${goal.id}`).toBeUndefined();
    // The half that did not answer got the one reminder a day after the check-in.
    const reminder = i % 2 === 1 ? ['Fortsatt tid til å svare for uke 1'] : [];
    const final = /^(Du nådde målet|Uka er over): /;
    expect(subjects(owner).filter((s) => final.test(s)), `${context}, owner of ${goal.id}`).toHaveLength(1);
    // And the circle's digest (every goal is in a circle of four).
    expect(subjects(owner).filter((s) => !final.test(s)), `${context}, owner of ${goal.id}`).toEqual(['Uke 1 av 1: hvor mange ble det denne uka?', ...reminder, 'Salg: uke 1'].sort());
    expect(subjects(buddy), `${context}, buddy of ${goal.id}, final ${JSON.stringify(run.final[i])}`).toHaveLength(2);
    expect(subjects(buddy).filter((s) => s.startsWith('Uke 1 av 1:')), `${context}, buddy of ${goal.id}`).toHaveLength(1);
    // An added supporter gets the same two, claimed under their own markers.
    for (const theirs of more) expect(subjects(theirs), `${context}, supporter of ${goal.id}`).toEqual(subjects(buddy));
  });
}
