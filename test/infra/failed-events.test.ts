// Asynchronous invocations (SES → inbound, SNS → feedback) keep the events Lambda gives up on, in a queue that
// an alarm watches and the replay command reads; and mail can never take all of the account's concurrency.
import { describe, expect, it } from 'vitest';
import { INBOUND_CONCURRENCY } from '../../infra/constructs/inbound-mail.js';
import { logicalIdOf, propertiesOf, resourcesAllowed, synth } from './synth.js';

const { stack, template } = synth();
const functions = [
  { name: 'inbound', fn: stack.inboundMail.handler, queue: stack.inboundMail.failedEvents, output: 'InboundFailedEventsQueueUrl', command: 'replay-inbound' },
  { name: 'feedback', fn: stack.feedback.handler, queue: stack.feedback.failedEvents, output: 'FeedbackFailedEventsQueueUrl', command: 'replay-feedback' },
];

describe.each(functions)('the $name function, invoked asynchronously', ({ fn, queue, output, command }) => {
  const queueArn = { 'Fn::GetAtt': [logicalIdOf(queue), 'Arn'] };

  it('sends an event it failed on twice more (three runs) to its own queue, instead of dropping it', () => {
    const configs = Object.values(template.findResources('AWS::Lambda::EventInvokeConfig')).filter(
      (config) => JSON.stringify(config.Properties.FunctionName) === JSON.stringify({ Ref: logicalIdOf(fn) }),
    );
    expect(configs.map((config) => config.Properties)).toEqual([
      {
        FunctionName: { Ref: logicalIdOf(fn) },
        Qualifier: '$LATEST',
        MaximumRetryAttempts: 2,
        MaximumEventAgeInSeconds: 6 * 3600,
        DestinationConfig: { OnFailure: { Destination: queueArn } },
      },
    ]);
  });

  it('may put those events in that queue, and in no other', () => {
    expect(resourcesAllowed(template, fn, 'sqs:SendMessage')).toEqual([queueArn]);
  });

  it('keeps them 14 days, encrypted, over TLS only', () => {
    expect(propertiesOf(template, queue)).toMatchObject({ MessageRetentionPeriod: 14 * 86400, SqsManagedSseEnabled: true });
  });

  it('has an alarm on any event waiting there, mailed to the operator', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter(
      (alarm) => JSON.stringify(alarm.Properties.Dimensions) === JSON.stringify([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalIdOf(queue), 'QueueName'] } }]),
    );
    expect(alarms).toHaveLength(1);
    expect(alarms[0]!.Properties).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0, AlarmActions: [{ Ref: logicalIdOf(stack.alarms.topic) }] });
  });

  it(`outputs the queue's URL with the command that replays it (npx kompis ${command})`, () => {
    const outputs = template.toJSON().Outputs;
    expect(outputs[output]).toEqual({ Value: { Ref: logicalIdOf(queue) }, Description: expect.stringContaining(`npx kompis ${command} --queue`) });
  });
});

describe("the inbound function's reserved concurrency", () => {
  it(`is ${INBOUND_CONCURRENCY}: a flood of mail cannot take the concurrency the web and the sender need`, () => {
    expect(propertiesOf(template, stack.inboundMail.handler).ReservedConcurrentExecutions).toBe(5);
    for (const other of [stack.web.handler, stack.weeklyLoop.send, stack.weeklyLoop.tick, stack.feedback.handler]) {
      expect(propertiesOf(template, other)).not.toHaveProperty('ReservedConcurrentExecutions');
    }
  });

  it('can be set, or left out for an account whose limit leaves nothing to reserve', () => {
    const reserved = (value: unknown) => {
      const other = synth({ inboundConcurrency: value });
      return propertiesOf(other.template, other.stack.inboundMail.handler);
    };
    expect(reserved('2').ReservedConcurrentExecutions).toBe(2);
    expect(reserved('none')).not.toHaveProperty('ReservedConcurrentExecutions');
    expect(() => synth({ inboundConcurrency: '0' })).toThrow(/inboundConcurrency: must be a number of concurrent runs from 1 to 100, or none/);
  });
});
