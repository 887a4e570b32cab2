// The Store on DynamoDB: one table, keys as in DESIGN.md. Each access pattern says why its keys look so.
import { randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Goal, Person } from '../core/goal.js';
import { dueAt, duePartition, dueShard } from '../core/goals/due-index.js';
import type { WeekAnswer } from '../core/answers.js';
import type { BuddyLink, ClaimResult, PersonExport, SendKey, Store } from '../core/ports.js';
import type { RateScope } from '../core/rate-scopes.js';
import type { Locale } from '../core/i18n/messages.js';
import {
  buddyLinkKey,
  dueItems,
  buddyPartition,
  buddyProfileKey,
  goalKey,
  goalPartition,
  isConditionFailure,
  ownerKey,
  queryAll,
  rateKey,
  refusalKey,
  refusedByKey,
  sentKey,
  stripKeys,
  suppressionKey,
  weekSort,
  type Item,
} from './dynamo-keys.js';
import { DynamoPersonData } from './dynamo-person.js';
import { DynamoCircleData } from './dynamo-circles.js';
import type { CircleStore } from '../core/circle-store.js';
import { tableKeys } from './table-definition.js';

/**
 * A claim still "sending" after this long was never accepted by SES: its worker died before sending, or
 * its send's outcome was unknown and SES's Send event (which would have marked it sent) never came.
 */
export const STALE_CLAIM_MS = 10 * 60 * 1000;

export class DynamoStore implements Store {
  private readonly people: DynamoPersonData;
  private readonly circles: DynamoCircleData;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.people = new DynamoPersonData(db, tableName);
    this.circles = new DynamoCircleData(db, tableName);
  }

  // The circles' items (adapters/dynamo-circles.ts).
  saveCircle: CircleStore['saveCircle'] = (circle) => this.circles.saveCircle(circle);
  getCircle: CircleStore['getCircle'] = (circleId) => this.circles.getCircle(circleId);
  putCircleMember: CircleStore['putCircleMember'] = (member, mustExist) => this.circles.putCircleMember(member, mustExist);
  deleteCircleMember: CircleStore['deleteCircleMember'] = (circleId, goalId) => this.circles.deleteCircleMember(circleId, goalId);
  dueCircles: CircleStore['dueCircles'] = (nowIso) => this.circles.dueCircles(nowIso);
  markCircleOnce: CircleStore['markCircleOnce'] = (circleId, mark) => this.circles.markCircleOnce(circleId, mark);
  deleteCircleMarks: CircleStore['deleteCircleMarks'] = (circleId) => this.circles.deleteCircleMarks(circleId);

  ensurePerson(person: Person, pendingUntil?: number): Promise<void> {
    return this.people.ensurePerson(person, pendingUntil);
  }

  getPerson(email: string): Promise<Person | undefined> {
    return this.people.getPerson(email);
  }

  keepPerson(goal: Goal): Promise<void> {
    return this.people.keepPerson(goal);
  }

  raiseLinkGeneration(email: string, to: number): Promise<number> {
    return this.people.raiseLinkGeneration(email, to);
  }

  listGoals(owner: string): Promise<Goal[]> {
    return this.people.listGoals(owner);
  }

  async exportPerson(email: string): Promise<PersonExport> {
    const data = await this.people.exportPerson(email);
    return { ...data, circles: await this.circles.exportFor(data.goals) };
  }

  deletePerson(email: string): Promise<number> {
    return this.people.deletePerson(email);
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
      // An unconfirmed goal's pointer expires with it (keepPerson removes the expiry on confirmation).
      const expiry = goal.expiresAt ? { expiresAt: goal.expiresAt } : {};
      await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...ownerKey(goal.id), owner: goal.owner, ...expiry } }));
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
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: ownerKey(goalId) }));
    return typeof Item?.owner === 'string' ? this.getGoal(Item.owner, goalId) : undefined;
  }

  async *dueGoals(shard: number, nowIso: string): AsyncIterable<Goal> {
    // A Query on one shard of the sparse index: cost grows with the goals due, not with all goals.
    for await (const item of dueItems(this.db, this.tableName, duePartition(shard), nowIso)) yield stripKeys<Goal>(item);
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

  async deleteBuddyLink(buddy: string, goalId: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: buddyLinkKey(buddy, goalId) }));
  }

  async listBuddyLinks(buddy: string): Promise<BuddyLink[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :goal)',
      ExpressionAttributeValues: { ':pk': buddyPartition(buddy), ':goal': 'GOAL#' },
    });
    return items.map((item) => stripKeys<BuddyLink>(item));
  }

  async getBuddyLocale(buddy: string): Promise<Locale | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: buddyProfileKey(buddy) }));
    // Imported here, not at the top: the language list sits with the catalogs (91 KB), which the tick and
    // feedback functions, whose store this also is, never read.
    const { isLocale } = await import('../core/i18n/messages.js');
    return isLocale(Item?.locale) ? Item.locale : undefined;
  }

  async setBuddyLocale(buddy: string, locale: Locale): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...buddyProfileKey(buddy), type: 'buddy-profile', locale } }));
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
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...refusedByKey(owner, buddy), type: 'refused-by', at } }));
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...refusalKey(owner, buddy), type: 'refusal', at } }));
  }

  async hasRefused(owner: string, buddy: string): Promise<boolean> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: refusalKey(owner, buddy) }));
    return Item !== undefined;
  }

  async countRate(scope: RateScope, key: string, window: string, expiresAt: number): Promise<number> {
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

  private queryAll(input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>): Promise<Item[]> {
    return queryAll(this.db, this.tableName, input);
  }
}
