// An S3 bucket for what AWS services write about people: private, S3-encrypted, TLS only, emptied on a schedule.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type BucketProps } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface PrivateBucketProps extends Pick<BucketProps, 'serverAccessLogsBucket' | 'serverAccessLogsPrefix'> {
  /** Objects are deleted this many days after they were written, by a lifecycle rule of this id. */
  readonly expiry: { readonly ruleId: string; readonly days: number };
}

export function privateBucket(scope: Construct, id: string, props: PrivateBucketProps): Bucket {
  return new Bucket(scope, id, {
    // SSE-S3 rather than KMS: the writers (SES's S3 action, S3 log delivery) have no key policy to use a KMS key,
    // and readers need no kms:Decrypt.
    encryption: BucketEncryption.S3_MANAGED,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    lifecycleRules: [{ id: props.expiry.ruleId, expiration: Duration.days(props.expiry.days) }],
    // It may still be wanted after a stack delete; it expires on its own anyway.
    removalPolicy: RemovalPolicy.RETAIN,
    serverAccessLogsBucket: props.serverAccessLogsBucket,
    serverAccessLogsPrefix: props.serverAccessLogsPrefix,
  });
}
