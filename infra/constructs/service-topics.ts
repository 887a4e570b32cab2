// SNS topics that AWS services publish to, encrypted with one customer managed key those services may use.
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** An AWS service that publishes to a topic, and the ARN (pattern) of the resources it publishes for. */
export interface TopicPublisher {
  readonly service: string;
  readonly sourceArn: string;
}

export interface ServiceTopicsProps {
  /** Service principals that publish to these topics, e.g. `ses.amazonaws.com`. */
  readonly publishers: string[];
}

/**
 * A customer managed key rather than the AWS managed `alias/aws/sns`: a service that publishes to an encrypted
 * topic (SES events, CloudWatch alarms) must be allowed to use the key, and the managed key's policy cannot say so.
 */
export class ServiceTopics extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, props: ServiceTopicsProps) {
    super(scope, id);
    const { region, account, partition } = Stack.of(this);
    this.key = new Key(this, 'Key', {
      description: 'Kompis: encrypts the SES feedback and alarm topics',
      enableKeyRotation: true,
      // It guards notifications in flight only; nothing outlives the stack that needs it to decrypt.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowServicesToPublishToThisAccountsTopics',
        principals: props.publishers.map((service) => new ServicePrincipal(service)),
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        // SNS names the topic in the encryption context: only topics of this account and region, not any topic.
        conditions: { StringLike: { 'kms:EncryptionContext:aws:sns:topicArn': `arn:${partition}:sns:${region}:${account}:*` } },
      }),
    );
  }

  /**
   * A standard topic, encrypted with the key and reachable over TLS only. A topic policy replaces SNS's default
   * one, so a service that publishes to it must be allowed here (or by the construct that wires it, as SES's
   * event destination does for the feedback topic): `publisher` names it and the ARNs it publishes for.
   */
  newTopic(id: string, displayName: string, publisher?: TopicPublisher): Topic {
    const topic = new Topic(this, id, { displayName, masterKey: this.key, enforceSSL: true });
    if (publisher) {
      topic.addToResourcePolicy(
        new PolicyStatement({
          sid: 'AllowServiceToPublishForThisAccount',
          principals: [new ServicePrincipal(publisher.service)],
          actions: ['sns:Publish'],
          resources: [topic.topicArn],
          // No confused deputy: only on behalf of this account's own resources of that service.
          conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account }, ArnLike: { 'aws:SourceArn': publisher.sourceArn } },
        }),
      );
    }
    return topic;
  }
}
