// Synthesizes the Kompis stack for the infra tests and reads a function's settings and permissions from it.
import { readFileSync } from 'node:fs';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import { expect } from 'vitest';
import { KompisStack } from '../../infra/kompis-stack.js';

// The same feature flags and defaults `cdk synth` uses, so the test sees the template that deploys.
export const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> };

export function synth(context: Record<string, unknown> = {}) {
  // An empty bundling-stacks list skips esbuild: these tests look at the template, not the bundle.
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...context } });
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
export function sesArn(resourceType: 'identity' | 'configuration-set', construct: IConstruct): unknown {
  const part = (name: string) => ({ Ref: name });
  return {
    'Fn::Join': [
      '',
      ['arn:', part('AWS::Partition'), ':ses:', part('AWS::Region'), ':', part('AWS::AccountId'), `:${resourceType}/`, { Ref: logicalIdOf(construct) }],
    ],
  };
}

/** What each sending function may send through: the domain identity and the configuration set, nothing else. */
export function sendingResources(stack: KompisStack): unknown[] {
  const { configurationSet, identity } = stack.outboundMail;
  return [sesArn('configuration-set', configurationSet), sesArn('identity', identity)];
}
