// Least privilege across the functions: what each role may do, checked action by action and resource by resource.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TABLE_DATA_ACTIONS } from '../../infra/constructs/kompis-function.js';
import { allowedActions, environmentOf, functionsOf, logicalIdOf, resourcesAllowed, roleStatements, sendingResources, synth, TEST_REGION, text } from './synth.js';

const { stack, template } = synth();
const functions = functionsOf(stack);
const secretRef = { Ref: logicalIdOf(stack.signingSecret) };
const tableArn = { 'Fn::GetAtt': [logicalIdOf(stack.table), 'Arn'] };

describe('the signing secret', () => {
  it("reaches every function as KOMPIS_SECRET_ARN, and its value reaches none: it is read at cold start", () => {
    for (const fn of Object.values(functions)) {
      const env = environmentOf(template, fn);
      expect(env.KOMPIS_SECRET_ARN).toEqual(secretRef);
      expect(env).not.toHaveProperty('KOMPIS_SECRET');
    }
    expect(JSON.stringify(template.toJSON())).not.toContain('resolve:secretsmanager');
  });

  it('may be read (GetSecretValue, DescribeSecret) by every function, on that secret alone', () => {
    for (const fn of Object.values(functions)) {
      expect(resourcesAllowed(template, fn, 'secretsmanager:GetSecretValue')).toEqual([secretRef]);
      expect(allowedActions(template, fn).filter((action) => action.startsWith('secretsmanager:')).sort()).toEqual([
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
      ]);
    }
  });
});

describe('sending email', () => {
  it('is allowed to the web, send and inbound functions: SendRawEmail alone, on the domain identity and the configuration set only', () => {
    for (const fn of [functions.http, functions.send, functions.inbound]) {
      expect(resourcesAllowed(template, fn, 'ses:SendRawEmail')).toEqual(sendingResources(stack));
      expect(allowedActions(template, fn).filter((action) => action.startsWith('ses:'))).toEqual(['ses:SendRawEmail']);
    }
  });

  it('reaches the identities of verified addresses given for a trial in the SES sandbox, and no others', () => {
    const trial = synth({ sandboxRecipients: 'you@example.org, Friend@Example.org' });
    const trialFunctions = functionsOf(trial.stack);
    for (const fn of [trialFunctions.http, trialFunctions.send, trialFunctions.inbound]) {
      const expected = [
        ...sendingResources(trial.stack),
        text(`arn:aws:ses:${TEST_REGION}:\${AWS::AccountId}:identity/you@example.org`),
        text(`arn:aws:ses:${TEST_REGION}:\${AWS::AccountId}:identity/Friend@Example.org`),
      ];
      const allowed = resourcesAllowed(trial.template, fn, 'ses:SendRawEmail');
      expect(allowed).toHaveLength(expected.length);
      expect(allowed).toEqual(expect.arrayContaining(expected));
    }
    expect(() => synth({ sandboxRecipients: 'you@example.org,not-an-address' })).toThrow(/sandboxRecipients.1: must be verified email addresses, comma-separated, e.g. -c sandboxRecipients=you@example.org/);
  });

  it('is not allowed to the tick or the feedback function', () => {
    for (const fn of [functions.tick, functions.feedback]) {
      expect(allowedActions(template, fn).filter((action) => action.startsWith('ses:'))).toEqual([]);
    }
  });
});

describe('the table', () => {
  it('may be read and written by every function but the tick, by item and on the due index only', () => {
    const dueIndexArn = { 'Fn::Join': ['', [tableArn, '/index/gsi1']] };
    for (const fn of [functions.http, functions.send, functions.inbound, functions.feedback]) {
      expect(roleStatements(template, fn)).toContainEqual({ Effect: 'Allow', Action: [...TABLE_DATA_ACTIONS].sort(), Resource: [tableArn, dueIndexArn] });
      expect(allowedActions(template, fn).filter((action) => action.startsWith('dynamodb:')).sort()).toEqual([...TABLE_DATA_ACTIONS].sort());
    }
  });

  it('is granted every item action behind the commands the store sends, so no call is refused in AWS alone', () => {
    // DynamoDB Local checks no IAM: a new command in the store would pass every local test and fail in AWS.
    const actionOf: Record<string, string[]> = {
      Get: ['dynamodb:GetItem'],
      Put: ['dynamodb:PutItem'],
      Update: ['dynamodb:UpdateItem'],
      Delete: ['dynamodb:DeleteItem'],
      Query: ['dynamodb:Query'],
      Scan: ['dynamodb:Scan'],
      BatchGet: ['dynamodb:BatchGetItem'],
      BatchWrite: ['dynamodb:BatchWriteItem'],
      TransactGet: ['dynamodb:GetItem'],
      TransactWrite: ['dynamodb:ConditionCheckItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
    };
    const adapters = new URL('../../functions/adapters/', import.meta.url);
    const sources = readdirSync(adapters)
      .filter((name) => name.endsWith('.ts'))
      .map((name) => readFileSync(new URL(name, adapters), 'utf8'))
      .filter((source) => /from '@aws-sdk\/(lib|client)-dynamodb'/.test(source));
    const tableCommands = new Set(sources.flatMap((source) => [...source.matchAll(/new (\w+)Command\(/g)].map((match) => match[1]!)));
    expect(tableCommands.size).toBeGreaterThan(0);
    for (const command of tableCommands) {
      expect(actionOf[command], `map ${command}Command to its IAM actions here`).toBeDefined();
      expect(TABLE_DATA_ACTIONS).toEqual(expect.arrayContaining(actionOf[command]!));
    }
  });
});

describe('every role', () => {
  it('has no wildcard action and no "*" resource', () => {
    for (const fn of Object.values(functions)) {
      const statements = roleStatements(template, fn);
      expect(statements.flatMap((statement) => [statement.Action].flat()).filter((action) => action.includes('*'))).toEqual([]);
      expect(statements.flatMap((statement) => [statement.Resource].flat())).not.toContain('*');
    }
  });

  it('has no AWS managed policy: it may write to its own log group alone', () => {
    for (const fn of Object.values(functions)) {
      const role = template.toJSON().Resources[logicalIdOf(fn.role!)] as { Properties: Record<string, unknown> };
      expect(role.Properties).not.toHaveProperty('ManagedPolicyArns');
      const logGroupRef = (template.toJSON().Resources[logicalIdOf(fn)] as { Properties: { LoggingConfig: { LogGroup: { Ref: string } } } }).Properties
        .LoggingConfig.LogGroup.Ref;
      expect(resourcesAllowed(template, fn, 'logs:PutLogEvents')).toEqual([{ 'Fn::GetAtt': [logGroupRef, 'Arn'] }]);
      expect(allowedActions(template, fn).filter((action) => action.startsWith('logs:')).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    }
  });
});
