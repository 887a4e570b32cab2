// The Store on DynamoDB: one table, keys as in DESIGN.md. Each method notes why its keys look so.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Goal, Person } from '../core/goals/goal.js';
import { dueShard } from '../core/goals/due-index.js';
import type { ActivateResult, GoalActivation, Store } from '../core/ports.js';

// A person's profile and goals share a partition, so "everything of this person" is one Query.
const personKey = (email: string) => ({ pk: `PERSON#${email}`, sk: 'PROFILE' });
const goalKey = (owner: string, goalId: string) => ({ pk: `PERSON#${owner}`, sk: `GOAL#${goalId}` });

type Item = Record<string, unknown>;

function stripKeys<T>(item: Item): T {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _type, ...rest } = item;
  return rest as T;
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
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async getPerson(email: string): Promise<Person | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: personKey(email) }));
    return Item ? stripKeys<Person>(Item) : undefined;
  }

  async putGoal(goal: Goal): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...goalKey(goal.owner, goal.id), type: 'goal', ...goal } }));
  }

  async getGoal(owner: string, goalId: string): Promise<Goal | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: goalKey(owner, goalId), ConsistentRead: true }),
    );
    return Item ? stripKeys<Goal>(Item) : undefined;
  }

  async activateGoal(owner: string, goalId: string, activation: GoalActivation): Promise<ActivateResult> {
    // The condition makes a double click (or two tabs) activate once; the GSI keys put the goal on the
    // due index only now, so pending goals never reach the tick. Removing expiresAt keeps the TTL off it.
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: goalKey(owner, goalId),
          UpdateExpression:
            'SET #status = :active, confirmedAt = :confirmedAt, firstCheckinDate = :first, nextWeek = :one, ' +
            'nextCheckinAt = :next, gsi1pk = :shard, gsi1sk = :next REMOVE expiresAt',
          ConditionExpression: 'attribute_exists(pk) AND #status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':active': 'active',
            ':pending': 'pending',
            ':confirmedAt': activation.confirmedAt,
            ':first': activation.firstCheckinDate,
            ':one': 1,
            ':next': activation.nextCheckinAt,
            ':shard': dueShard(goalId),
          },
        }),
      );
      return 'activated';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = await this.getGoal(owner, goalId);
      return current ? 'already-active' : 'missing';
    }
  }
}
