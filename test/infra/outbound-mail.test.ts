// Synth tests for email out: the SES domain identity, the configuration set and its feedback topic, and the feedback function.
import { describe, expect, it } from 'vitest';
import { logicalIdOf, propertiesOf, sesArn, synth, TEST_REGION, text } from './synth.js';

const { stack, template } = synth({ domain: 'kompis.example.com', fromAddress: 'Kompis <coach@kompis.example.com>' });
const { identity, configurationSet, feedbackTopic } = stack.outboundMail;
const feedback = stack.feedback.handler;
const configurationSetRef = { Ref: logicalIdOf(configurationSet) };
const feedbackTopicRef = { Ref: logicalIdOf(feedbackTopic) };

describe('the domain identity', () => {
  it('verifies the sending domain with Easy DKIM (2048-bit keys) and signs every email', () => {
    expect(propertiesOf(template, identity)).toMatchObject({
      EmailIdentity: 'kompis.example.com',
      DkimAttributes: { SigningEnabled: true },
      DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
    });
  });

  it('sends with mail.<domain> as MAIL FROM, so SPF aligns with the From domain', () => {
    expect(propertiesOf(template, identity).MailFromAttributes).toEqual({ MailFromDomain: 'mail.kompis.example.com' });
  });

  it('puts every email from the domain through the configuration set, even one that names none', () => {
    expect(propertiesOf(template, identity).ConfigurationSetAttributes).toEqual({ ConfigurationSetName: configurationSetRef });
  });
});

describe('the configuration set', () => {
  it('keeps reputation metrics and suppresses addresses that bounced or complained', () => {
    expect(propertiesOf(template, configurationSet)).toMatchObject({
      ReputationOptions: { ReputationMetricsEnabled: true },
      SendingOptions: { SendingEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
  });

  it('publishes sends (they settle unknown outcomes), bounces, complaints, rejects and delivery delays, and nothing else, to the feedback topic', () => {
    const destinations = Object.values(template.findResources('AWS::SES::ConfigurationSetEventDestination'));
    expect(destinations.map((destination) => destination.Properties)).toEqual([
      {
        ConfigurationSetName: configurationSetRef,
        EventDestination: {
          Enabled: true,
          MatchingEventTypes: ['send', 'bounce', 'complaint', 'reject', 'deliveryDelay'],
          SnsDestination: { TopicARN: feedbackTopicRef },
        },
      },
    ]);
  });

  it('is told to every function that sends, in KOMPIS_SES_CONFIGURATION_SET, and to no other', () => {
    const { web, weeklyLoop, inboundMail } = stack;
    for (const fn of [web.handler, weeklyLoop.send, inboundMail.handler]) {
      expect(propertiesOf(template, fn)).toMatchObject({ Environment: { Variables: { KOMPIS_SES_CONFIGURATION_SET: configurationSetRef } } });
    }
    for (const fn of [weeklyLoop.tick, feedback]) {
      expect(propertiesOf(template, fn)).not.toMatchObject({ Environment: { Variables: { KOMPIS_SES_CONFIGURATION_SET: expect.anything() } } });
    }
  });
});

describe('the feedback topic', () => {
  const topicPolicy = () =>
    Object.values(template.findResources('AWS::SNS::TopicPolicy', { Properties: { Topics: [feedbackTopicRef] } })).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement,
    );

  it('is a standard topic encrypted with the customer managed key SES may use', () => {
    expect(propertiesOf(template, feedbackTopic)).toEqual({
      DisplayName: 'Kompis SES feedback',
      KmsMasterKeyId: { 'Fn::GetAtt': [logicalIdOf(stack.topics.key), 'Arn'] },
    });
  });

  it('refuses publishing without TLS, and lets SES publish only for this account and this configuration set', () => {
    const statements = topicPolicy();
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    const allowed = statements.filter((statement: { Effect: string }) => statement.Effect === 'Allow');
    expect(allowed).toEqual([
      expect.objectContaining({
        Principal: { Service: 'ses.amazonaws.com' },
        Action: 'sns:Publish',
        Condition: {
          StringEquals: {
            'AWS:SourceAccount': { Ref: 'AWS::AccountId' },
            'AWS:SourceArn': sesArn('configuration-set', stack.outboundMail.configurationSet),
          },
        },
      }),
    ]);
  });

  it('invokes the feedback function, and only the topic may', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: feedbackTopicRef,
      Endpoint: { 'Fn::GetAtt': [logicalIdOf(feedback), 'Arn'] },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [logicalIdOf(feedback), 'Arn'] },
      Principal: 'sns.amazonaws.com',
      SourceArn: feedbackTopicRef,
    });
  });
});

describe('the topic key', () => {
  const { key } = stack.topics;

  it('rotates yearly and goes with the stack, after 7 days: it only guards notifications in flight', () => {
    expect(propertiesOf(template, key)).toMatchObject({ EnableKeyRotation: true, PendingWindowInDays: 7 });
    expect(template.toJSON().Resources[logicalIdOf(key)]).toMatchObject({ DeletionPolicy: 'Delete' });
  });

  it('lets SES and CloudWatch encrypt for SNS topics of this account and region only', () => {
    const statements = (propertiesOf(template, key).KeyPolicy as { Statement: { Principal: unknown }[] }).Statement;
    expect(statements).toContainEqual({
      Sid: 'AllowServicesToPublishToThisAccountsTopics',
      Effect: 'Allow',
      Principal: { Service: ['cloudwatch.amazonaws.com', 'ses.amazonaws.com'] },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
      Condition: {
        StringLike: {
          'kms:EncryptionContext:aws:sns:topicArn': text(`arn:aws:sns:${TEST_REGION}:\${AWS::AccountId}:*`),
        },
      },
    });
  });
});

describe('the feedback function', () => {
  it('runs the feedback handler on the Kompis defaults: Node.js 24 on arm64, with its own log group', () => {
    expect(propertiesOf(template, feedback)).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler' });
    expect(propertiesOf(template, feedback).LoggingConfig).toEqual({ LogGroup: { Ref: expect.stringMatching(/^FeedbackFeedbackLogs/) } });
  });
});

describe('account-level suppression', () => {
  it('is left alone by default: an account setting is the operator’s call', () => {
    expect(JSON.stringify(template.findResources('Custom::AWS'))).not.toContain('PutAccountSuppressionAttributes');
  });

  it('is turned on for bounces and complaints with accountSuppression=true, and left as it is on delete', () => {
    const custom = synth({ accountSuppression: 'true' });
    const calls = Object.values(custom.template.findResources('Custom::AWS'));
    expect(calls).toHaveLength(1);
    expect(JSON.parse(calls[0]!.Properties.Create as string)).toMatchObject({
      service: '@aws-sdk/client-sesv2',
      action: 'PutAccountSuppressionAttributes',
      parameters: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    expect(calls[0]!.Properties.Delete).toBeUndefined();
  });
});
