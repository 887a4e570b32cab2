// Makes an SES receipt rule set the region's active one, which CloudFormation has no property for.
import type { IReceiptRuleSet } from 'aws-cdk-lib/aws-ses';
import { PhysicalResourceId, type AwsCustomResource, type AwsSdkCall } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { sdkCall } from './sdk-call.js';

export interface ActiveReceiptRuleSetProps {
  readonly ruleSet: IReceiptRuleSet;
}

/**
 * Activates the rule set on create and update; on delete, deactivates receipt in the region (SES has no
 * "deactivate this one"), else CloudFormation could not delete the rule set: SES refuses to delete the active one.
 * So whoever turns this on hands the region's mail receipt to this stack.
 */
export class ActiveReceiptRuleSet extends Construct {
  readonly resource: AwsCustomResource;

  constructor(scope: Construct, id: string, props: ActiveReceiptRuleSetProps) {
    super(scope, id);
    const setActive = (parameters: { RuleSetName?: string }): AwsSdkCall => ({
      service: 'SES',
      action: 'SetActiveReceiptRuleSet',
      parameters,
      // Fixed, so that a replaced rule set is activated by an update, never followed by a delete that deactivates it.
      physicalResourceId: PhysicalResourceId.of('active-receipt-rule-set'),
    });
    this.resource = sdkCall(this, 'Resource', {
      onCreate: setActive({ RuleSetName: props.ruleSet.receiptRuleSetName }),
      onUpdate: setActive({ RuleSetName: props.ruleSet.receiptRuleSetName }),
      onDelete: setActive({}),
      action: 'ses:SetActiveReceiptRuleSet',
    });
  }
}
