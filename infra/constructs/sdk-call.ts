// One SDK call at deploy (AwsCustomResource) the Kompis way: shared provider log group, runtime SDK, findings explained.
import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AwsCustomResource, AwsCustomResourcePolicy, type AwsSdkCall } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';

const LOG_GROUP_ID = 'SdkCallLogs';

export interface SdkCallProps {
  readonly onCreate: AwsSdkCall;
  readonly onUpdate: AwsSdkCall;
  readonly onDelete?: AwsSdkCall;
  /** The IAM action the call needs; every one used here has no resource to scope it to. */
  readonly action: string;
}

/** An AwsCustomResource for an SDK call whose action allows no resource-level permission. */
export function sdkCall(scope: Construct, id: string, props: SdkCallProps): AwsCustomResource {
  const resource = new AwsCustomResource(scope, id, {
    onCreate: props.onCreate,
    onUpdate: props.onUpdate,
    onDelete: props.onDelete,
    policy: AwsCustomResourcePolicy.fromStatements([new PolicyStatement({ actions: [props.action], resources: ['*'] })]),
    // The SDK in the Lambda runtime has these calls; fetching the latest at deploy would need npm from inside AWS.
    installLatestAwsSdk: false,
    logGroup: providerLogGroup(scope),
  });
  Validations.of(resource).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: `${props.action} has no resource type in IAM: "*" is the only resource it can be granted on, and it is the one action allowed`,
  });
  const provider = Stack.of(scope).node.tryFindChild(`AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`);
  if (provider) {
    Validations.of(provider).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: "CDK's shared AwsCustomResource provider role: it only writes its own logs, and CDK offers no way to give it an inline policy instead",
    });
  }
  return resource;
}

/**
 * The provider is a singleton, built with the log group of the first AwsCustomResource that asks for it; a second
 * group would stay empty. So every call gets this one, kept a month like every Kompis log (not the provider's two years).
 */
function providerLogGroup(scope: Construct): LogGroup {
  const stack = Stack.of(scope);
  return (
    (stack.node.tryFindChild(LOG_GROUP_ID) as LogGroup | undefined) ??
    new LogGroup(stack, LOG_GROUP_ID, { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY })
  );
}
