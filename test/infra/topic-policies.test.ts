// Every SNS topic's policy, read as AWS would: a topic policy replaces SNS's default one, so the service that
// publishes to a topic must be allowed there — on behalf of this account's own resources only — or nothing
// it sends ever arrives (the alarm topic once allowed nobody, and all its alarms were silent).
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { describe, expect, it } from 'vitest';
import { asText, logicalIdOf, synth, TEST_REGION } from './synth.js';

const { stack, template } = synth();

interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal: unknown;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** Who must be able to publish to each topic of the stack, and for which of their resources. */
const publishers: { name: string; topic: Topic; service: string; sourceArn: string }[] = [
  {
    name: 'the alarm topic',
    topic: stack.alarms.topic,
    service: 'cloudwatch.amazonaws.com',
    sourceArn: `arn:aws:cloudwatch:${TEST_REGION}:\${AWS::AccountId}:alarm:*`,
  },
  {
    name: 'the SES feedback topic',
    topic: stack.outboundMail.feedbackTopic,
    service: 'ses.amazonaws.com',
    sourceArn: `arn:aws:ses:${TEST_REGION}:\${AWS::AccountId}:configuration-set/\${${logicalIdOf(stack.outboundMail.configurationSet)}}`,
  },
];

function statementsOf(topic: Topic): PolicyStatement[] {
  const ref = { Ref: logicalIdOf(topic) };
  const policies = Object.values(template.findResources('AWS::SNS::TopicPolicy')).filter((policy) =>
    (policy.Properties.Topics as unknown[]).some((t) => JSON.stringify(t) === JSON.stringify(ref)),
  );
  expect(policies).toHaveLength(1);
  return policies[0]!.Properties.PolicyDocument.Statement as PolicyStatement[];
}

/** Condition keys are case-insensitive in IAM (CDK writes `AWS:SourceAccount` for SES, we write `aws:`). */
function conditionValue(statement: PolicyStatement, key: string): unknown {
  for (const operator of Object.values(statement.Condition ?? {})) {
    for (const [name, value] of Object.entries(operator)) if (name.toLowerCase() === key.toLowerCase()) return value;
  }
  return undefined;
}

describe('the topic policies', () => {
  it('cover every topic in the stack', () => {
    const topics = Object.keys(template.findResources('AWS::SNS::Topic')).sort();
    expect(topics).toEqual(publishers.map((p) => logicalIdOf(p.topic)).sort());
  });

  for (const { name, topic, service, sourceArn } of publishers) {
    describe(name, () => {
      const statements = statementsOf(topic);
      const allows = statements.filter((s) => s.Effect === 'Allow');

      it(`lets ${service} publish, and nobody else`, () => {
        expect(allows).toHaveLength(1);
        expect(allows[0]).toMatchObject({ Principal: { Service: service }, Action: 'sns:Publish', Resource: { Ref: logicalIdOf(topic) } });
      });

      it('only on behalf of this account, and only for its own resources of that service', () => {
        expect(conditionValue(allows[0]!, 'aws:SourceAccount')).toEqual({ Ref: 'AWS::AccountId' });
        expect(asText(conditionValue(allows[0]!, 'aws:SourceArn'))).toBe(sourceArn);
      });

      it('refuses publishing without TLS', () => {
        expect(statements).toContainEqual(
          expect.objectContaining({ Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        );
      });

      it("is encrypted with the key whose policy lets the same service use it for this account's topics", () => {
        const keyId = logicalIdOf(stack.topics.key);
        expect(template.toJSON().Resources[logicalIdOf(topic)].Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
        const keyStatements = template.toJSON().Resources[keyId].Properties.KeyPolicy.Statement as PolicyStatement[];
        const forServices = keyStatements.find((s) => s.Sid === 'AllowServicesToPublishToThisAccountsTopics')!;
        expect([(forServices.Principal as { Service: string | string[] }).Service].flat()).toContain(service);
        expect(JSON.stringify(forServices.Condition)).toContain('kms:EncryptionContext:aws:sns:topicArn');
      });
    });
  }
});
