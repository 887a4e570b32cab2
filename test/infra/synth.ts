// Synthesizes the Kompis stack for the infra tests and reads a function's settings and permissions from it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import { expect } from 'vitest';
import { KompisStack } from '../../infra/kompis-stack.js';

// The same feature flags and defaults `cdk synth` uses, so the test sees the template that deploys.
export const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> };

/** The region the infra tests deploy to (any with SES receiving would do). */
export const TEST_REGION = 'eu-west-1';

/**
 * Where synth writes its assembly: one folder per test worker, reused by every synth in it. Without an outdir
 * each App made a fresh cdk.outXXXX in the system temp folder and left it there (thousands after a few runs).
 */
const outdir = fileURLToPath(new URL(`../../.data/cdk-synth-${process.env.VITEST_POOL_ID ?? process.pid}`, import.meta.url));

export function synth(context: Record<string, unknown> = {}) {
  // An empty bundling-stacks list skips esbuild: these tests look at the template, not the bundle.
  const app = new App({ outdir, context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], region: TEST_REGION, ...context } });
  const stack = new KompisStack(app, 'Kompis');
  return { stack, template: Template.fromStack(stack) };
}

/** Every Kompis function by name, for checks that hold for each of them. */
export function functionsOf(stack: KompisStack) {
  return {
    http: stack.web.handler,
    tick: stack.weeklyLoop.tick,
    send: stack.weeklyLoop.send,
    inbound: stack.inboundMail.handler,
    feedback: stack.feedback.handler,
  };
}

/** The logical id of a construct's CloudFormation resource. */
export function logicalIdOf(construct: IConstruct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
}

export function onlyLogicalId(template: Template, type: string, props?: unknown): string {
  const ids = Object.keys(template.findResources(type, props));
  expect(ids).toHaveLength(1);
  return ids[0]!;
}

export function environmentOf(template: Template, fn: IFunction): Record<string, unknown> {
  const resource = template.toJSON().Resources[logicalIdOf(fn)] as { Properties: { Environment: { Variables: Record<string, unknown> } } };
  return resource.Properties.Environment.Variables;
}

export function propertiesOf(template: Template, construct: IConstruct): Record<string, unknown> {
  return (template.toJSON().Resources[logicalIdOf(construct)] as { Properties: Record<string, unknown> }).Properties;
}

export interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
}

/** Every statement of the inline policies attached to the function's role. */
export function roleStatements(template: Template, fn: IFunction): Statement[] {
  const roleRef = { Ref: logicalIdOf(fn.role!) };
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([roleRef]))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

/** Every action the function's role is allowed, on any resource. */
export function allowedActions(template: Template, fn: IFunction): string[] {
  return roleStatements(template, fn)
    .filter((statement) => statement.Effect === 'Allow')
    .flatMap((statement) => [statement.Action].flat());
}

/** The resources the function's role may perform the action on. */
export function resourcesAllowed(template: Template, fn: IFunction, action: string): unknown[] {
  return roleStatements(template, fn)
    .filter((statement) => statement.Effect === 'Allow' && [statement.Action].flat().includes(action))
    .flatMap((statement) => [statement.Resource].flat());
}

/** The ARN CloudFormation builds for an SES resource of this stack, e.g. `identity/<name>` or `configuration-set/<name>`. */
export function sesArn(resourceType: 'identity' | 'configuration-set' | 'receipt-rule-set', construct: IConstruct, suffix = ''): unknown {
  return text(`arn:aws:ses:${TEST_REGION}:\${AWS::AccountId}:${resourceType}/\${${logicalIdOf(construct)}}${suffix}`);
}

/**
 * Matches a CloudFormation string value that reads as `expected` (see asText): the CDK writes the partition
 * as a literal in some ARNs and as a Ref in others, which says nothing about what the ARN names.
 */
export function text(expected: string) {
  return { asymmetricMatch: (actual: unknown) => asText(actual) === expected, toString: () => `text(${expected})`, toAsymmetricMatcher: () => expected };
}

/**
 * A CloudFormation string value (a literal, a Ref, an Fn::Join of them) as one readable line: Refs become
 * `${LogicalId}` and the partition `aws`, so an ARN reads as it will in the account.
 */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return String(value);
  const v = value as { Ref?: string; 'Fn::Join'?: [string, unknown[]]; 'Fn::GetAtt'?: [string, string] };
  if (v.Ref === 'AWS::Partition') return 'aws';
  if (v.Ref) return `\${${v.Ref}}`;
  if (v['Fn::GetAtt']) return `\${${v['Fn::GetAtt'].join('.')}}`;
  if (v['Fn::Join']) return v['Fn::Join'][1].map(asText).join(v['Fn::Join'][0]);
  return JSON.stringify(value);
}

/** What each sending function may send through: the domain identity and the configuration set, nothing else. */
export function sendingResources(stack: KompisStack): unknown[] {
  const { configurationSet, identity } = stack.outboundMail;
  return [sesArn('configuration-set', configurationSet), sesArn('identity', identity)];
}
