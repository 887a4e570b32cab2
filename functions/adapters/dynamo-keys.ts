// The one table's item keys, as in DESIGN.md, each with why it looks so; and the small helpers every
// part of the DynamoDB store shares.
import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SendKey } from '../core/ports.js';
import { addressRateScopes, rateScopes, type RateScope } from '../core/rate-scopes.js';
import { tableKeys } from './table-definition.js';

export type Item = Record<string, unknown>;
export type Key = { pk: string; sk: string };

/** SHA-256 of a normalised address: what Kompis keeps of an address it must remember but not know. */
export const addressHash = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

// A person's profile and goals share a partition, so "everything of this person" is one Query.
export const personKey = (email: string): Key => ({ pk: `PERSON#${email}`, sk: 'PROFILE' });
export const personPartition = (email: string) => `PERSON#${email}`;
export const goalKey = (owner: string, goalId: string): Key => ({ pk: `PERSON#${owner}`, sk: `GOAL#${goalId}` });
// A goal's weeks and sent markers share the goal's own partition: the goal page reads them with one
// Query, and a conditional put on a sent marker is the "one email per goal, week and kind" guarantee.
// The OWNER item finds a goal from its id alone (signed reply addresses carry only the id).
export const goalPartition = (goalId: string) => `GOAL#${goalId}`;
export const ownerKey = (goalId: string): Key => ({ pk: goalPartition(goalId), sk: 'OWNER' });
export const weekSort = (week: number) => `WEEK#${String(week).padStart(2, '0')}`;
export const sentKey = (goalId: string, key: SendKey): Key => ({
  pk: goalPartition(goalId),
  sk: `SENT#${String(key.week).padStart(2, '0')}#${key.kind}`,
});

// A buddy's goals share the buddy's partition: the buddy page lists them with one Query, and erasing a
// person finds every goal that names them as its buddy. Only a goal's current buddy has a link.
export const buddyPartition = (buddy: string) => `BUDDY#${buddy}`;
export const buddyLinkKey = (buddy: string, goalId: string): Key => ({ pk: buddyPartition(buddy), sk: `GOAL#${goalId}` });
export const buddyProfileKey = (buddy: string): Key => ({ pk: buddyPartition(buddy), sk: 'PROFILE' });
// Suppression is one item per address, read by the mailer before every send. It is keyed by a hash, so it
// can outlive "delete everything" without keeping the address itself.
export const suppressionKey = (email: string): Key => ({ pk: `SUPPRESS#${addressHash(email)}`, sk: 'SUPPRESS' });
// A buddy who said no to, or left, one of this owner's goals: kept under the owner, by hash only — the
// address itself came off the goal — so the owner can never invite it again.
export const refusalKey = (owner: string, buddy: string): Key => ({ pk: `PERSON#${owner}`, sk: `REFUSED#${addressHash(buddy)}` });
// Its pointer from the buddy's side, under the same hash: erasing the buddy finds every owner's refusal of
// them through it (erasing the owner finds it through the refusal), so no hash outlives either person.
export const refusedByPartition = (buddy: string) => `REFUSEDBY#${addressHash(buddy)}`;
/** The pointer, from the hash the owner's refusal item holds. */
export const refusedByHashKey = (buddyHash: string, owner: string): Key => ({ pk: `REFUSEDBY#${buddyHash}`, sk: `OWNER#${owner}` });
export const refusedByKey = (owner: string, buddy: string): Key => refusedByHashKey(addressHash(buddy), owner);
// Rate counters keyed by an email address (core/rate-scopes.ts): deleted with the person, and kept under the
// address's hash — a stranger typing an erased address (a sign-up, a buddy's name) must not write the
// address down again.
export const ADDRESS_RATE_SCOPES = addressRateScopes;
/** The partition of one scope's counters for one key (an address by its hash). */
export const ratePartition = (scope: RateScope, key: string) => `RATE#${scope}#${rateScopes[scope] === 'address' ? addressHash(key) : key}`;
// Rate counters: one item per scope, key and window, removed by the table's TTL once the window is over.
export const rateKey = (scope: RateScope, key: string, window: string): Key => ({ pk: ratePartition(scope, key), sk: window });

export function keyOf(item: Item): Key {
  return { pk: String(item.pk), sk: String(item.sk) };
}

export function stripKeys<T>(item: Item): T {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _type, ...rest } = item;
  return rest as T;
}

export function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException;
}

/** Every page of a Query. */
export async function queryAll(
  db: DynamoDBDocumentClient,
  tableName: string,
  input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>,
): Promise<Item[]> {
  const items: Item[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, TableName: tableName, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/** Every item of one partition. */
export function partition(db: DynamoDBDocumentClient, tableName: string, pk: string): Promise<Item[]> {
  return queryAll(db, tableName, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } });
}

/** The items of one due-index partition whose due time is at or before `nowIso`, oldest first: goals and circles alike. */
export async function* dueItems(db: DynamoDBDocumentClient, tableName: string, partitionKey: string, nowIso: string): AsyncIterable<Item> {
  const index = tableKeys.dueIndex;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: index.name,
        KeyConditionExpression: '#pk = :pk AND #sk <= :now',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
        ExpressionAttributeValues: { ':pk': partitionKey, ':now': nowIso },
        ExclusiveStartKey,
      }),
    );
    yield* page.Items ?? [];
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}
