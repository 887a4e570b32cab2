// cdk-nag's AWS Solutions rules over the app as `cdk synth` builds it: no finding left unfixed or unexplained.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { createKompisApp } from '../../infra/kompis-app.js';
import type { KompisStack } from '../../infra/kompis-stack.js';
import { cdkJson, TEST_REGION } from './synth.js';

interface ValidationReport {
  pluginReports: { pluginName: string; violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[] }[];
}

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Builds the app with `createKompisApp`, as infra/app.ts does, synthesizes it and returns the validation report. */
function synthWithNag(context: Record<string, unknown> = {}, change?: (stack: KompisStack) => void): { report: ValidationReport; stack: KompisStack } {
  const outdir = mkdtempSync(join(tmpdir(), 'kompis-nag-'));
  outdirs.push(outdir);
  // Bundling skipped: the rules read the template, and esbuild would only make the test slower.
  const { app, stack } = createKompisApp({ outdir, context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], region: TEST_REGION, ...context } });
  change?.(stack);
  app.synth();
  return { report: JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as ValidationReport, stack };
}

/** Every AwsSolutions finding left in the report, as `rule at construct path`. */
function findings(report: ValidationReport): string[] {
  return report.pluginReports
    .filter((plugin) => plugin.pluginName === 'AwsSolutions')
    .flatMap((plugin) => plugin.violations.flatMap((v) => v.violatingConstructs.map((c) => `${v.ruleName} (${v.severity}) at ${c.constructPath}`)));
}

/** Every acknowledgement in the stack: rule id → reasons. */
function acknowledgements(stack: KompisStack): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const construct of stack.node.findAll()) {
    for (const entry of construct.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)) {
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        const rule = id.replace(/^Annotation::/, '');
        found.set(rule, [...(found.get(rule) ?? []), reason]);
      }
    }
  }
  return found;
}

const everyOption = {
  activateRuleSet: 'true',
  accountSuppression: 'true',
  certificateArn: 'arn:aws:acm:eu-north-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
  apiDomain: 'kompis.example.com',
  inboundDomain: 'in.example.org',
};

describe('cdk-nag (AwsSolutionsChecks)', () => {
  it('reports a finding nobody acknowledged, so a clean report below means something', () => {
    // An SQS queue with no TLS policy and no dead-letter queue: AwsSolutions-SQS3 and SQS4 are errors, which stop the synth.
    expect(() => synthWithNag({}, (stack) => new Queue(stack, 'Unchecked'))).toThrow(/Kompis\/Unchecked\/Resource[\s\S]*AwsSolutions-SQS4/);
  });

  it('leaves no unacknowledged error or warning with the default context', () => {
    expect(findings(synthWithNag().report)).toEqual([]);
  });

  it('leaves none with every option on: rule set activated, account suppression, custom domain, inbound domain elsewhere', () => {
    expect(findings(synthWithNag(everyOption).report)).toEqual([]);
  });

  it('acknowledges only these rules, each with a reason of its own', () => {
    const acknowledged = acknowledgements(synthWithNag(everyOption).stack);
    expect([...acknowledged.keys()].sort()).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::<EmailRawMailAFFEE19C.Arn>/inbound/*]',
      'AwsSolutions-S1',
      'AwsSolutions-SMG4',
      'AwsSolutions-SQS3',
    ]);
    for (const reasons of acknowledged.values()) for (const reason of reasons) expect(reason.length).toBeGreaterThan(60);
  });
});
