// Synth tests for the alarms: what each watches, its threshold, and that it mails the operator.
import { describe, expect, it } from 'vitest';
import { functionsOf, logicalIdOf, propertiesOf, synth, TEST_REGION, text } from './synth.js';

const { stack, template } = synth({ alarmEmail: 'ops@example.org' });
const alarmTopicRef = { Ref: logicalIdOf(stack.alarms.topic) };

interface AlarmProperties {
  Namespace: string;
  MetricName: string;
  Dimensions?: { Name: string; Value: unknown }[];
  [key: string]: unknown;
}
const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((alarm) => alarm.Properties as AlarmProperties);

function alarmOn(namespace: string, metricName: string, dimension?: { Name: string; Value: unknown }): AlarmProperties {
  const matching = alarms.filter(
    (alarm) =>
      alarm.Namespace === namespace &&
      alarm.MetricName === metricName &&
      JSON.stringify(alarm.Dimensions ?? []) === JSON.stringify(dimension ? [dimension] : []),
  );
  expect(matching).toHaveLength(1);
  return matching[0]!;
}

/** Over the threshold in one 5-minute period, mailed to the operator; no data is no alarm. */
const firesAbove = (threshold: number, extra: Record<string, unknown> = {}) => ({
  Threshold: threshold,
  ComparisonOperator: 'GreaterThanThreshold',
  EvaluationPeriods: 1,
  TreatMissingData: 'notBreaching',
  AlarmActions: [alarmTopicRef],
  ...extra,
});

describe('the alarm topic', () => {
  it('mails the alarmEmail address', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.org', TopicArn: alarmTopicRef });
  });

  it('is encrypted with the key CloudWatch may use, lets CloudWatch publish for this account only, and refuses publishing without TLS', () => {
    expect(propertiesOf(template, stack.alarms.topic)).toMatchObject({ KmsMasterKeyId: { 'Fn::GetAtt': [logicalIdOf(stack.topics.key), 'Arn'] } });
    const policies = template.findResources('AWS::SNS::TopicPolicy', { Properties: { Topics: [alarmTopicRef] } });
    // Without the Allow, a topic policy (which replaces SNS's default) lets no alarm through: they all stay silent.
    expect(Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement)).toEqual([
      expect.objectContaining({ Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Condition: {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnLike: { 'aws:SourceArn': text(`arn:aws:cloudwatch:${TEST_REGION}:\${AWS::AccountId}:alarm:*`) },
        },
      }),
    ]);
  });

  it('defaults to ops@<domain>, so synth needs no flags', () => {
    const plain = synth();
    plain.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
  });
});

describe('the alarms', () => {
  it('say how many times an email failed before it waits in the dead letters (the queue tries it 10 times)', () => {
    const dimension = { Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalIdOf(stack.weeklyLoop.deadLetterQueue), 'QueueName'] } };
    expect(JSON.stringify(alarmOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible', dimension).AlarmDescription)).toContain('Emails that failed 10 times are waiting');
  });

  it('fire when any message waits in either dead-letter queue', () => {
    for (const queue of [stack.weeklyLoop.deadLetterQueue, stack.weeklyLoop.tickDeadLetterQueue]) {
      const dimension = { Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalIdOf(queue), 'QueueName'] } };
      expect(alarmOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible', dimension)).toMatchObject(firesAbove(0, { Statistic: 'Maximum', Period: 300 }));
    }
  });

  it('fire on any error and any throttle of each of the five functions', () => {
    const functions = Object.values(functionsOf(stack));
    expect(functions).toHaveLength(5);
    for (const fn of functions) {
      const dimension = { Name: 'FunctionName', Value: { Ref: logicalIdOf(fn) } };
      for (const metric of ['Errors', 'Throttles']) {
        expect(alarmOn('AWS/Lambda', metric, dimension)).toMatchObject(firesAbove(0, { Statistic: 'Sum', Period: 300 }));
      }
    }
  });

  it("fire when the account's SES bounce rate is over 2% or its complaint rate over 0.05%", () => {
    expect(alarmOn('AWS/SES', 'Reputation.BounceRate')).toMatchObject(firesAbove(0.02, { Statistic: 'Maximum', Period: 3600 }));
    expect(alarmOn('AWS/SES', 'Reputation.ComplaintRate')).toMatchObject(firesAbove(0.0005, { Statistic: 'Maximum', Period: 3600 }));
  });

  it("fire when over 5% of the web's requests in 5 minutes were answered 5xx (the app's 503 pages are no Lambda error)", () => {
    const rate = alarms.filter((alarm) => (alarm.Metrics as { MetricStat?: unknown }[] | undefined)?.some((m) => m.MetricStat));
    expect(rate).toHaveLength(1);
    const metrics = rate[0]!.Metrics as { Id: string; Expression?: string; MetricStat?: { Metric: AlarmProperties; Period: number; Stat: string } }[];
    const apiDimension = [{ Name: 'ApiId', Value: { Ref: logicalIdOf(stack.web.api) } }];
    expect(metrics.find((m) => m.Expression)?.Expression).toBe('IF(requests > 0, errors / requests, 0)');
    expect(metrics.find((m) => m.Id === 'errors')?.MetricStat).toEqual({
      Metric: { Namespace: 'AWS/ApiGateway', MetricName: '5xx', Dimensions: apiDimension },
      Period: 300,
      Stat: 'Sum',
    });
    expect(metrics.find((m) => m.Id === 'requests')?.MetricStat).toEqual({
      Metric: { Namespace: 'AWS/ApiGateway', MetricName: 'Count', Dimensions: apiDimension },
      Period: 300,
      Stat: 'Sum',
    });
    expect(rate[0]).toMatchObject(firesAbove(0.05));
  });

  it('fire when any hourly email ceiling was reached, whichever function, kind or scope counted it', () => {
    const ceiling = alarms.filter((alarm) => JSON.stringify(alarm.Metrics ?? []).includes('CeilingReached'));
    expect(ceiling).toHaveLength(1);
    // The query sums every dimension combination the app emits (metricsPort adds service, ceilings.ts kind and scope).
    expect(ceiling[0]!.Metrics).toEqual([
      { Id: 'expr_1', Expression: 'SELECT SUM(CeilingReached) FROM SCHEMA(Kompis, kind, scope, service)', Label: 'Hourly email ceilings reached', Period: 300, ReturnData: true },
    ]);
    expect(ceiling[0]).toMatchObject(firesAbove(0));
  });

  it('are these and no more: 4 queues, 5 functions × 2, the web 5xx rate, 2 SES rates, the ceilings', () => {
    expect(alarms).toHaveLength(4 + 5 * 2 + 1 + 2 + 1);
  });
});
