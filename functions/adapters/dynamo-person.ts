// A person's items as a whole: the profile (which expires with the pending goals of someone who never
// confirmed one), the link generation, the export and the erasure.
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Goal, Person } from '../core/goal.js';
import type { BuddyLink, PersonExport } from '../core/ports.js';
import type { WeekAnswer } from '../core/answers.js';
import { supportersOf } from '../core/buddy/supporters.js';
import {
  ADDRESS_RATE_SCOPES,
  buddyLinkKey,
  buddyPartition,
  buddyProfileKey,
  goalPartition,
  isConditionFailure,
  keyOf,
  ownerKey,
  partition,
  personKey,
  personPartition,
  ratePartition,
  refusalKey,
  refusedByHashKey,
  refusedByKey,
  refusedByPartition,
  stripKeys,
  type Item,
  type Key,
} from './dynamo-keys.js';

export class DynamoPersonData {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Creates the profile if there is none. `pendingUntil` (epoch s) is given for a pending goal: a profile
   * created for one expires with it, and a profile still waiting for its first confirmation lives as long
   * as its newest pending goal. A profile without an expiry (someone who confirmed a goal) is left as it is.
   */
  async ensurePerson(person: Person, pendingUntil?: number): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...personKey(person.email), type: 'person', ...person, ...(pendingUntil ? { expiresAt: pendingUntil } : {}) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    if (pendingUntil) await this.update(personKey(person.email), 'SET expiresAt = :until', 'expiresAt < :until', { ':until': pendingUntil });
  }

  async getPerson(email: string): Promise<Person | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: personKey(email), ConsistentRead: true }));
    return Item ? stripKeys<Person>(Item) : undefined;
  }

  /** The goal is confirmed: its owner's profile, its owner pointer and its buddy's link are kept for good. */
  async keepPerson(goal: Goal): Promise<void> {
    const keys = [personKey(goal.owner), ownerKey(goal.id), ...supportersOf(goal).map((s) => buddyLinkKey(s.email, goal.id))];
    for (const key of keys) await this.update(key, 'REMOVE expiresAt', 'attribute_exists(expiresAt)');
  }

  /** At least `to`: a concurrent sign-out that raised it as far already is the same sign-out. */
  async raiseLinkGeneration(email: string, to: number): Promise<number> {
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: personKey(email),
          UpdateExpression: 'SET linkGeneration = :to',
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(linkGeneration) OR linkGeneration < :to)',
          ExpressionAttributeValues: { ':to': to },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(Attributes?.linkGeneration ?? to);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return Math.max(to, (await this.getPerson(email))?.linkGeneration ?? 0);
    }
  }

  async listGoals(owner: string): Promise<Goal[]> {
    return (await partition(this.db, this.tableName, personPartition(owner))).filter((item) => item.type === 'goal').map((item) => stripKeys<Goal>(item));
  }

  async exportPerson(email: string): Promise<PersonExport> {
    const items = await partition(this.db, this.tableName, personPartition(email));
    const profile = items.find((item) => item.sk === 'PROFILE');
    const goals = items.filter((item) => item.type === 'goal').map((item) => stripKeys<Goal>(item));
    const withWeeks = await Promise.all(
      goals.map(async (goal) => {
        const goalItems = await partition(this.db, this.tableName, goalPartition(goal.id));
        const sk = (item: Item) => String(item.sk);
        return {
          ...goal,
          answers: goalItems.filter((item) => sk(item).startsWith('WEEK#')).map((item) => stripKeys<WeekAnswer>(item)),
          emailsSent: goalItems
            .filter((item) => sk(item).startsWith('SENT#'))
            .map((item) => {
              const [, week, kind] = sk(item).split('#');
              return { week: Number(week), kind: kind ?? '', state: String(item.state), ...(item.claimedAt ? { at: String(item.claimedAt) } : {}) };
            }),
        };
      }),
    );
    const rateCounters = (
      await Promise.all(ADDRESS_RATE_SCOPES.map(async (scope) => ({ scope, items: await partition(this.db, this.tableName, ratePartition(scope, email)) })))
    ).flatMap(({ scope, items: counters }) => counters.map((item) => ({ scope, window: String(item.sk), count: Number(item.count) })));
    const asBuddy = await partition(this.db, this.tableName, buddyPartition(email));
    const language = asBuddy.find((item) => item.sk === 'PROFILE')?.locale;
    const { isLocale } = await import('../core/i18n/messages.js'); // as in dynamo-store.ts: no catalogs at the store's import
    return {
      ...(profile ? { person: stripKeys<Person>(profile) } : {}),
      goals: withWeeks,
      asBuddy: {
        goals: asBuddy.filter((item) => item.sk !== 'PROFILE').map((item) => stripKeys<BuddyLink>(item)),
        ...(isLocale(language) ? { language } : {}),
      },
      refusedBuddies: items
        .filter((item) => String(item.sk).startsWith('REFUSED#'))
        .map((item) => ({ fingerprint: String(item.sk).slice('REFUSED#'.length), at: String(item.at) })),
      refusedOwners: await this.refusedBy(email),
      rateCounters,
    };
  }

  /**
   * Every item keyed by the address or naming it: the profile, the goals with their weeks, markers and
   * owner pointers, each goal's buddy link, the person's own buddy links and language, address counters.
   * The person's own partition (goals, profile) goes last: a goal item is how the rest under it is found,
   * so a deletion that stopped half-way can be run again and finish.
   */
  async deletePerson(email: string): Promise<number> {
    const keys: Key[] = [];
    const own = await partition(this.db, this.tableName, personPartition(email));
    for (const { owner } of await this.refusedBy(email)) keys.push(refusalKey(owner, email), refusedByKey(owner, email));
    for (const item of own) {
      if (String(item.sk).startsWith('REFUSED#')) keys.push(refusedByHashKey(String(item.sk).slice('REFUSED#'.length), email));
      if (item.type !== 'goal') continue;
      const goalId = String(item.id);
      keys.push(...(await partition(this.db, this.tableName, goalPartition(goalId))).map(keyOf));
      // Every supporter's link to the goal (issue 20: the first as `buddy`, the added ones in `supporters`).
      for (const { email: buddy } of supportersOf(item as Pick<Goal, 'buddy' | 'supporters'>)) if (buddy) keys.push(buddyLinkKey(buddy, goalId));
    }
    keys.push(...(await partition(this.db, this.tableName, buddyPartition(email))).map(keyOf), buddyProfileKey(email));
    for (const scope of ADDRESS_RATE_SCOPES) keys.push(...(await partition(this.db, this.tableName, ratePartition(scope, email))).map(keyOf));
    keys.push(...own.map(keyOf));
    const unique = [...new Map(keys.map((key) => [`${key.pk}\u0000${key.sk}`, key])).values()];
    for (const key of unique) await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: key }));
    return unique.length;
  }

  /** The owners whose goal this person said no to, or left: each keeps a refusal of them. */
  private async refusedBy(email: string): Promise<{ owner: string; at: string }[]> {
    return (await partition(this.db, this.tableName, refusedByPartition(email))).map((item) => ({ owner: String(item.sk).slice('OWNER#'.length), at: String(item.at) }));
  }

  /** An update of an item that must already exist (UpdateItem would otherwise create it). */
  private async update(key: Key, expression: string, condition: string, values?: Record<string, unknown>): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: expression,
          ConditionExpression: `attribute_exists(pk) AND ${condition}`,
          ...(values ? { ExpressionAttributeValues: values } : {}),
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}
