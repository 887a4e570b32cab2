// Synth tests for the weekly loop: schedule → tick → send queue → send, and what each part may do.
import { describe, expect, it } from 'vitest';
import { STALE_CLAIM_MS } from '../../functions/adapters/dynamo-store.js';
import { allowedActions, environmentOf, logicalIdOf, propertiesOf, resourcesAllowed, sendingResources, synth } from './synth.js';

const { stack, template } = synth();
const { queue, deadLetterQueue, tickDeadLetterQueue, tick, send, schedule } = stack.weeklyLoop;
const everyQueue = [queue, deadLetterQueue, tickDeadLetterQueue];

const arnOf = (construct: Parameters<typeof logicalIdOf>[0]) => ({ 'Fn::GetAtt': [logicalIdOf(construct), 'Arn'] });
const tableId = logicalIdOf(stack.table);
const timeoutOf = (fn: typeof tick) => propertiesOf(template, fn).Timeout as number;

describe('the queues', () => {
  it('moves a message to the dead-letter queue after 10 failed receives', () => {
    expect(propertiesOf(template, queue).RedrivePolicy).toEqual({ deadLetterTargetArn: arnOf(deadLetterQueue), maxReceiveCount: 10 });
  });

  it('hides a message being sent for longer than the send function may run: six times as long, as AWS advises', () => {
    const visibility = propertiesOf(template, queue).VisibilityTimeout as number;
    expect(visibility).toBeGreaterThan(timeoutOf(send));
    expect(visibility).toBeGreaterThanOrEqual(6 * timeoutOf(send));
  });

  it('keeps dead letters, of the sender and of the schedule, for 14 days', () => {
    for (const dlq of [deadLetterQueue, tickDeadLetterQueue]) {
      expect(propertiesOf(template, dlq).MessageRetentionPeriod).toBe(14 * 24 * 60 * 60);
    }
  });

  it('encrypts every queue with SQS-managed keys and refuses requests without TLS', () => {
    for (const q of everyQueue) {
      expect(propertiesOf(template, q).SqsManagedSseEnabled).toBe(true);
      const policies = template.findResources('AWS::SQS::QueuePolicy', { Properties: { Queues: [{ Ref: logicalIdOf(q) }] } });
      const statements = Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement);
      expect(statements).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });
});

describe('the send function', () => {
  it('takes batches of 10 from the send queue, returns only the failed messages and runs at most 2 at once', () => {
    template.resourcePropertiesCountIs(
      'AWS::Lambda::EventSourceMapping',
      {
        FunctionName: { Ref: logicalIdOf(send) },
        EventSourceArn: arnOf(queue),
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 2 },
      },
      1,
    );
  });

  it("paces each of its 2 instances at half of SES's default 14 emails a second: KOMPIS_MAX_SEND_RATE is 7", () => {
    expect(environmentOf(template, send).KOMPIS_MAX_SEND_RATE).toBe('7');
  });

  it('rounds an odd rate down, so the two senders together stay within it: 15 a second gives 7 each', () => {
    const custom = synth({ maxSendRate: 15 });
    expect(environmentOf(custom.template, custom.stack.weeklyLoop.send).KOMPIS_MAX_SEND_RATE).toBe('7');
  });

  it("paces at a fraction rather than exceed SES's sandbox rate of 1 a second: 0.5 each", () => {
    const custom = synth({ maxSendRate: 1 });
    expect(environmentOf(custom.template, custom.stack.weeklyLoop.send).KOMPIS_MAX_SEND_RATE).toBe('0.5');
  });

  it('reads maxSendRate given on the command line, where it arrives as a string', () => {
    const custom = synth({ maxSendRate: '40' });
    expect(environmentOf(custom.template, custom.stack.weeklyLoop.send).KOMPIS_MAX_SEND_RATE).toBe('20');
  });

  it('stops the synth with a clear message when maxSendRate is not a positive number', () => {
    for (const bad of ['fast', 0, -3]) {
      expect(() => synth({ maxSendRate: bad })).toThrow(/Kompis CDK context is invalid:\n {2}maxSendRate: must be SES's maximum send rate/);
    }
  });

  it('times out long before another sender may take over its claim on an email, so no email goes out twice', () => {
    expect(timeoutOf(send) * 1000).toBeLessThan(STALE_CLAIM_MS);
  });

  it('knows the table but not the queue, which reaches it through the event source', () => {
    const env = environmentOf(template, send);
    expect(env.KOMPIS_TABLE).toEqual({ Ref: tableId });
    expect(env).not.toHaveProperty('KOMPIS_QUEUE_URL');
  });

  it('may read and write the table, send raw email from the identity through the configuration set and take messages off the send queue', () => {
    const actions = allowedActions(template, send);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'ses:SendRawEmail']));
    expect(resourcesAllowed(template, send, 'ses:SendRawEmail')).toEqual(sendingResources(stack));
    for (const action of ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility']) {
      expect(resourcesAllowed(template, send, action)).toEqual([arnOf(queue)]);
    }
  });
});

describe('the tick', () => {
  it('runs every 15 minutes; EventBridge retries a failed delivery twice, then keeps the event in a dead-letter queue', () => {
    expect(propertiesOf(template, schedule)).toMatchObject({
      ScheduleExpression: 'rate(15 minutes)',
      State: 'ENABLED',
      Targets: [
        {
          Arn: arnOf(tick),
          RetryPolicy: { MaximumRetryAttempts: 2 },
          DeadLetterConfig: { Arn: arnOf(tickDeadLetterQueue) },
        },
      ],
    });
  });

  it('may be invoked by the schedule, and the schedule may write to the dead-letter queue', () => {
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: arnOf(tick),
      Principal: 'events.amazonaws.com',
      SourceArn: arnOf(schedule),
    });
    const policies = template.findResources('AWS::SQS::QueuePolicy', { Properties: { Queues: [{ Ref: logicalIdOf(tickDeadLetterQueue) }] } });
    const statements = Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement);
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        Principal: { Service: 'events.amazonaws.com' },
        Condition: { ArnEquals: { 'aws:SourceArn': arnOf(schedule) } },
      }),
    );
  });

  it('ends before the next tick starts, without reserved concurrency that a new account may refuse', () => {
    expect(timeoutOf(tick)).toBeLessThan(15 * 60);
    expect(propertiesOf(template, tick)).not.toHaveProperty('ReservedConcurrentExecutions');
  });

  it("knows the send queue's URL and the table's name", () => {
    expect(environmentOf(template, tick)).toMatchObject({ KOMPIS_QUEUE_URL: { Ref: logicalIdOf(queue) }, KOMPIS_TABLE: { Ref: tableId } });
  });

  it('may send messages to the send queue, and to no other', () => {
    expect(resourcesAllowed(template, tick, 'sqs:SendMessage')).toEqual([arnOf(queue)]);
  });

  it('may only Query the due index: no Scan, and no PutItem, UpdateItem or DeleteItem', () => {
    const dueIndexArn = { 'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId, 'Arn'] }, '/index/gsi1']] };
    expect(resourcesAllowed(template, tick, 'dynamodb:Query')).toEqual([dueIndexArn]);
    // Query alone: every other table action, reads like Scan and writes alike, is missing.
    expect(allowedActions(template, tick).filter((action) => action.startsWith('dynamodb:'))).toEqual(['dynamodb:Query']);
  });

  it('may not send email', () => {
    expect(allowedActions(template, tick).filter((action) => action.startsWith('ses:'))).toEqual([]);
  });
});

describe('the stack outputs', () => {
  it("include the send queue's URL and the names of both dead-letter queues", () => {
    template.hasOutput('SendQueueUrl', { Value: { Ref: logicalIdOf(queue) } });
    template.hasOutput('SendDeadLetterQueueName', { Value: { 'Fn::GetAtt': [logicalIdOf(deadLetterQueue), 'QueueName'] } });
    template.hasOutput('TickDeadLetterQueueName', { Value: { 'Fn::GetAtt': [logicalIdOf(tickDeadLetterQueue), 'QueueName'] } });
  });
});
