// The circles' part of the DynamoDB store. A circle's partition holds the circle item and one item per member
// goal, so its page and its digest are one Query; the circle item carries the due index's keys (on shards
// of their own, CIRCLE-DUE#<n>) so the tick finds due digests with the same index as due goals, no Scan.
import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Circle, CircleExport, CircleItems, CircleMember, CircleStore } from '../core/circle-store.js';
import { DUE_SHARDS, dueShard } from '../core/goals/due-index.js';
import { dueItems, isConditionFailure, keyOf, partition, stripKeys, type Item, type Key } from './dynamo-keys.js';
import { tableKeys } from './table-definition.js';

export const circlePartition = (circleId: string) => `CIRCLE#${circleId}`;
const circleKey = (circleId: string): Key => ({ pk: circlePartition(circleId), sk: 'CIRCLE' });
const memberKey = (circleId: string, goalId: string): Key => ({ pk: circlePartition(circleId), sk: `MEMBER#${goalId}` });
export const circleDuePartition = (shard: number) => `CIRCLE-DUE#${shard}`;

export class DynamoCircleData implements CircleStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async saveCircle(circle: Circle): Promise<boolean> {
    const item: Item = { ...circleKey(circle.id), type: 'circle', ...circle };
    if (circle.dueAt) {
      item[tableKeys.dueIndex.partitionKey] = circleDuePartition(dueShard(circle.id));
      item[tableKeys.dueIndex.sortKey] = circle.dueAt;
    }
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ...(circle.version === 1
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'version = :previous', ExpressionAttributeValues: { ':previous': circle.version - 1 } }),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async getCircle(circleId: string): Promise<CircleItems | undefined> {
    const items = await partition(this.db, this.tableName, circlePartition(circleId));
    const circle = items.find((item) => item.sk === 'CIRCLE');
    if (!circle) return undefined;
    const members = items.filter((item) => String(item.sk).startsWith('MEMBER#')).map((item) => stripKeys<CircleMember>(item));
    return { circle: stripKeys<Circle>(circle), members };
  }

  async putCircleMember(member: CircleMember, mustExist = false): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...memberKey(member.circleId, member.goalId), type: 'circle-member', ...member },
          ...(mustExist ? { ConditionExpression: 'attribute_exists(pk)' } : {}),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async deleteCircleMember(circleId: string, goalId: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: memberKey(circleId, goalId) }));
  }

  async *dueCircles(nowIso: string): AsyncIterable<Circle> {
    for (let shard = 0; shard < DUE_SHARDS; shard++) yield* this.dueOnShard(shard, nowIso);
  }

  private async *dueOnShard(shard: number, nowIso: string): AsyncIterable<Circle> {
    for await (const item of dueItems(this.db, this.tableName, circleDuePartition(shard), nowIso)) yield stripKeys<Circle>(item);
  }

  async markCircleOnce(circleId: string, mark: string): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: circlePartition(circleId), sk: `MARK#${mark}`, type: 'circle-mark' },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async deleteCircleMarks(circleId: string): Promise<void> {
    const items = await partition(this.db, this.tableName, circlePartition(circleId));
    for (const item of items.filter((i) => String(i.sk).startsWith('MARK#'))) {
      await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keyOf(item) }));
    }
  }

  /** The circles of these goals, for the person's export. */
  async exportFor(goals: { id: string; circle?: string }[]): Promise<CircleExport[]> {
    const out: CircleExport[] = [];
    for (const goal of goals) {
      const items = goal.circle ? await this.getCircle(goal.circle) : undefined;
      const member = items?.members.find((m) => m.goalId === goal.id);
      if (!items || !member) continue;
      const { id, name, status, createdAt, sharedTarget, week } = items.circle;
      out.push({
        circle: { id, name, status, createdAt, week, ...(sharedTarget ? { sharedTarget } : {}) },
        organiser: items.circle.organiserGoalId === goal.id,
        circleEmail: !(items.circle.quiet ?? []).includes(goal.id),
        member,
        otherMembers: items.members.filter((m) => m.goalId !== goal.id).map((m) => m.name),
      });
    }
    return out;
  }
}
