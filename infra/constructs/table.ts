// The one DynamoDB table, shaped by the same key definition the local stack uses.
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { tableKeys } from '../../functions/adapters/table-definition.js';

export class KompisTable extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const { partitionKey, sortKey, dueIndex, ttlAttribute } = tableKeys;
    this.table = new TableV2(this, 'Table', {
      // Generic pk/sk strings let every item kind (person, goal, week, marker…) share one table, one
      // query per access pattern; gsi1 is sparse — only active goals carry gsi1pk/gsi1sk, so the tick
      // reads the goals that are due, never the whole table.
      partitionKey: { name: partitionKey, type: AttributeType.STRING },
      sortKey: { name: sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: [
        {
          indexName: dueIndex.name,
          partitionKey: { name: dueIndex.partitionKey, type: AttributeType.STRING },
          sortKey: { name: dueIndex.sortKey, type: AttributeType.STRING },
        },
      ],
      // Rate counters expire on their own.
      timeToLiveAttribute: ttlAttribute,
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryptionV2.awsManagedKey(),
      // People's goals and history: a stack delete or a replacement must never take them along.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
