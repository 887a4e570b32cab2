// The Store on DynamoDB: one table, keys as in DESIGN.md. Each access pattern says why its keys look so.
import { createHash, randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { Goal, Person } from '../core/goals/goal.js';
import { dueAt, duePartition, dueShard } from '../core/goals/due-index.js';
import type { WeekAnswer } from '../core/progress/answers.js';
import type { BuddyLink, ClaimResult, PersonExport, SendKey, Store } from '../core/ports.js';
import { isLocale, type Locale } from '../core/i18n/messages.js';
import { tableKeys } from './table-definition.js';

// A person's profile and goals share a partition, so "everything of this person" is one Query.
const personKey = (email: string) => ({ pk: `PERSON#${email}`, sk: 'PROFILE' });
const goalKey = (owner: string, goalId: string) => ({ pk: `PERSON#${owner}`, sk: `GOAL#${goalId}` });
// A goal's weeks and sent markers share the goal's own partition: the goal page reads them with one
// Query, and a conditional put on a sent marker is the "one email per goal, week and kind" guarantee.
// The OWNER item finds a goal from its id alone (signed reply addresses carry only the id).
const goalPartition = (goalId: string) => `GOAL#${goalId}`;
const weekSort = (week: number) => `WEEK#${String(week).padStart(2, '0')}`;
const sentKey = (goalId: string, key: SendKey) => ({
  pk: goalPartition(goalId),
  sk: `SENT#${String(key.week).padStart(2, '0')}#${key.kind}`,
});

// A buddy's goals share the buddy's partition: the buddy page lists them with one Query.
const buddyLinkKey = (buddy: string, goalId: string) => ({ pk: `BUDDY#${buddy}`, sk: `GOAL#${goalId}` });
// Suppression is one item per address, read by the mailer before every send. It is keyed by a hash, so it
// can outlive "delete everything" without keeping the address itself.
const suppressionKey = (email: string) => ({
  pk: `SUPPRESS#${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`,
  sk: 'SUPPRESS',
});
// A buddy who said no to, or left, one of this owner's goals: kept under the owner, by hash only — the
// address itself came off the goal — so the owner can never invite it again.
const refusalKey = (owner: string, buddy: string) => ({
  pk: `PERSON#${owner}`,
  sk: `REFUSED#${createHash('sha256').update(buddy.trim().toLowerCase()).digest('hex')}`,
});
// Rate counters keyed by an email address: deleted with the person.
const ADDRESS_RATE_SCOPES = ['invite', 'invite-buddy', 'react', 'inbound', 'signup-address'];
// Rate counters: one item per scope, key and window, removed by the table's TTL once the window is over.
const rateKey = (scope: string, key: string, window: string) => ({ pk: `RATE#${scope}#${key}`, sk: window });

/**
 * A claim still "sending" after this long was never accepted by SES: its worker died before sending, or
 * its send's outcome was unknown and SES's Send event (which would have marked it sent) never came.
 */
export const STALE_CLAIM_MS = 10 * 60 * 1000;

type Item = Record<string, unknown>;

function stripKeys<T>(item: Item): T {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _type, ...rest } = item;
  return rest as T;
}

function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException;
}

export class DynamoStore implements Store {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async ensurePerson(person: Person): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...personKey(person.email), type: 'person', ...person },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async getPerson(email: string): Promise<Person | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: personKey(email) }));
    return Item ? stripKeys<Person>(Item) : undefined;
  }

  async saveGoal(goal: Goal): Promise<boolean> {
    const due = dueAt(goal);
    const item: Item = { ...goalKey(goal.owner, goal.id), type: 'goal', ...goal };
    if (due) {
      item[tableKeys.dueIndex.partitionKey] = duePartition(dueShard(goal.id));
      item[tableKeys.dueIndex.sortKey] = due;
    }
    const isNew = goal.version === 1;
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ...(isNew
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'version = :previous', ExpressionAttributeValues: { ':previous': goal.version - 1 } }),
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
    if (isNew) {
      await this.db.send(
        new PutCommand({ TableName: this.tableName, Item: { pk: goalPartition(goal.id), sk: 'OWNER', owner: goal.owner } }),
      );
    }
    return true;
  }

  async discardPendingGoal(owner: string, goalId: string): Promise<void> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: goalKey(owner, goalId),
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': 'pending' },
        }),
      );
    } catch (error) {
      // Confirmed meanwhile (or gone): a confirmed goal is never discarded, and its id pointer stays with it.
      if (isConditionFailure(error)) return;
      throw error;
    }
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: { pk: goalPartition(goalId), sk: 'OWNER' } }));
  }

  async getGoal(owner: string, goalId: string): Promise<Goal | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: goalKey(owner, goalId), ConsistentRead: true }),
    );
    return Item ? stripKeys<Goal>(Item) : undefined;
  }

  async getGoalById(goalId: string): Promise<Goal | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: { pk: goalPartition(goalId), sk: 'OWNER' } }));
    return typeof Item?.owner === 'string' ? this.getGoal(Item.owner, goalId) : undefined;
  }

  async *dueGoals(shard: number, nowIso: string): AsyncIterable<Goal> {
    // A Query on one shard of the sparse index: cost grows with the goals due, not with all goals.
    const { name, partitionKey, sortKey } = tableKeys.dueIndex;
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: name,
          KeyConditionExpression: '#pk = :pk AND #sk <= :now',
          ExpressionAttributeNames: { '#pk': partitionKey, '#sk': sortKey },
          ExpressionAttributeValues: { ':pk': duePartition(shard), ':now': nowIso },
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) yield stripKeys<Goal>(item);
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }

  async claimSend(goalId: string, key: SendKey, now: Date): Promise<ClaimResult> {
    const staleBefore = new Date(now.getTime() - STALE_CLAIM_MS).toISOString();
    try {
      // New claim, or take over one still "sending" long after it began: its worker died, or its send's
      // outcome was unknown and SES has sent no Send event for it since (so SES never accepted it).
      // The claim id makes the SDK's own retry of this very put (after a lost response) succeed.
      const claimId = randomUUID();
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...sentKey(goalId, key), state: 'sending', claimedAt: now.toISOString(), claimId },
          ConditionExpression: 'attribute_not_exists(pk) OR claimId = :claim OR (#state = :sending AND claimedAt < :stale)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sending': 'sending', ':stale': staleBefore, ':claim': claimId },
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: sentKey(goalId, key), ConsistentRead: true }),
    );
    return Item?.state === 'sent' ? 'sent' : 'in-flight';
  }

  async markSent(goalId: string, key: SendKey, messageId: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: sentKey(goalId, key),
        UpdateExpression: 'SET #state = :sent, messageId = :id',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sent': 'sent', ':id': messageId },
      }),
    );
  }

  async confirmSend(goalId: string, key: SendKey, messageId: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: sentKey(goalId, key),
          UpdateExpression: 'SET #state = :sent, messageId = :id',
          ConditionExpression: '#state = :sending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sent': 'sent', ':sending': 'sending', ':id': messageId },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async releaseSend(goalId: string, key: SendKey): Promise<void> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: sentKey(goalId, key),
          ConditionExpression: '#state = :sending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sending': 'sending' },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async putWeekAnswer(goalId: string, answer: WeekAnswer): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: goalPartition(goalId), sk: weekSort(answer.week), type: 'week', ...answer },
      }),
    );
  }

  async getWeekAnswers(goalId: string): Promise<WeekAnswer[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :week)',
      ExpressionAttributeValues: { ':pk': goalPartition(goalId), ':week': 'WEEK#' },
      ConsistentRead: true,
    });
    return items.map((item) => stripKeys<WeekAnswer>(item));
  }

  async putBuddyLink(link: BuddyLink): Promise<void> {
    await this.db.send(
      new PutCommand({ TableName: this.tableName, Item: { ...buddyLinkKey(link.buddy, link.goalId), type: 'buddy-link', ...link } }),
    );
  }

  async listBuddyLinks(buddy: string): Promise<BuddyLink[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :goal)',
      ExpressionAttributeValues: { ':pk': `BUDDY#${buddy}`, ':goal': 'GOAL#' },
    });
    return items.map((item) => stripKeys<BuddyLink>(item));
  }

  async getBuddyLocale(buddy: string): Promise<Locale | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: { pk: `BUDDY#${buddy}`, sk: 'PROFILE' } }));
    return isLocale(Item?.locale) ? Item.locale : undefined;
  }

  async setBuddyLocale(buddy: string, locale: Locale): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: { pk: `BUDDY#${buddy}`, sk: 'PROFILE', type: 'buddy-profile', locale } }));
  }

  async isSuppressed(email: string): Promise<boolean> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: suppressionKey(email) }));
    return Item !== undefined;
  }

  async suppress(email: string, reason: 'bounce' | 'complaint' | 'unsubscribe', at: string): Promise<void> {
    // The first reason and time stand: a replayed link or a later bounce does not rewrite the record.
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...suppressionKey(email), type: 'suppression', reason, at },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async refuseBuddy(owner: string, buddy: string, at: string): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...refusalKey(owner, buddy), type: 'refusal', at } }));
  }

  async hasRefused(owner: string, buddy: string): Promise<boolean> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: refusalKey(owner, buddy) }));
    return Item !== undefined;
  }

  async countRate(scope: string, key: string, window: string, expiresAt: number): Promise<number> {
    const { Attributes } = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: rateKey(scope, key, window),
        UpdateExpression: 'ADD #count :one SET expiresAt = :expires',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':one': 1, ':expires': expiresAt },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(Attributes?.count ?? 1);
  }

  async exportPerson(email: string): Promise<PersonExport> {
    const partition = (pk: string) => this.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } });
    const items = await partition(`PERSON#${email}`);
    const profile = items.find((item) => item.sk === 'PROFILE');
    const goals = items.filter((item) => String(item.sk).startsWith('GOAL#')).map((item) => stripKeys<Goal>(item));
    const withWeeks = await Promise.all(
      goals.map(async (goal) => {
        const goalItems = await partition(goalPartition(goal.id));
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
    const rateCounters = (await Promise.all(ADDRESS_RATE_SCOPES.map(async (scope) => ({ scope, items: await partition(`RATE#${scope}#${email}`) })))).flatMap(
      ({ scope, items: counters }) => counters.map((item) => ({ scope, window: String(item.sk), count: Number(item.count) })),
    );
    const language = await this.getBuddyLocale(email);
    return {
      ...(profile ? { person: stripKeys<Person>(profile) } : {}),
      goals: withWeeks,
      asBuddy: { goals: await this.listBuddyLinks(email), ...(language ? { language } : {}) },
      refusedBuddies: items
        .filter((item) => String(item.sk).startsWith('REFUSED#'))
        .map((item) => ({ fingerprint: String(item.sk).slice('REFUSED#'.length), at: String(item.at) })),
      rateCounters,
    };
  }

  async deletePerson(email: string): Promise<number> {
    const keys: { pk: string; sk: string }[] = [];
    const own = await this.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `PERSON#${email}` } });
    for (const item of own) {
      keys.push({ pk: String(item.pk), sk: String(item.sk) });
      if (item.type !== 'goal') continue;
      const goalId = String(item.id);
      // The goal's weeks, sent markers and owner pointer; and its buddy's link to it.
      const goalItems = await this.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': goalPartition(goalId) } });
      keys.push(...goalItems.map((g) => ({ pk: String(g.pk), sk: String(g.sk) })));
      const buddy = (item.buddy as { email?: string } | undefined)?.email;
      if (buddy) keys.push(buddyLinkKey(buddy, goalId));
    }
    // As a buddy: the links to other people's goals, and the language profile.
    const asBuddy = await this.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `BUDDY#${email}` } });
    keys.push(...asBuddy.map((b) => ({ pk: String(b.pk), sk: String(b.sk) })));
    for (const scope of ADDRESS_RATE_SCOPES) {
      const rates = await this.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `RATE#${scope}#${email}` } });
      keys.push(...rates.map((r) => ({ pk: String(r.pk), sk: String(r.sk) })));
    }
    for (const key of keys) await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: key }));
    return keys.length;
  }

  private async queryAll(input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>): Promise<Item[]> {
    const items: Item[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey }));
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }
}
