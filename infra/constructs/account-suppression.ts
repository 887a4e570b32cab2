// Turns on SES's account-level suppression list for bounces and complaints, which CloudFormation has no resource for.
import { PhysicalResourceId, type AwsCustomResource, type AwsSdkCall } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { sdkCall } from './sdk-call.js';

/**
 * An account setting, shared by every sender in the account and region: so only on request
 * (`-c accountSuppression=true`), and left as it is on delete — other senders may rely on it by then.
 * The configuration set suppresses the same reasons for Kompis's own mail either way.
 */
export class AccountSuppression extends Construct {
  readonly resource: AwsCustomResource;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const call: AwsSdkCall = {
      service: '@aws-sdk/client-sesv2',
      action: 'PutAccountSuppressionAttributes',
      parameters: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
      physicalResourceId: PhysicalResourceId.of('account-suppression-attributes'),
    };
    this.resource = sdkCall(this, 'Resource', { onCreate: call, onUpdate: call, action: 'ses:PutAccountSuppressionAttributes' });
  }
}
