// Synth tests for email in: SES receipt rule → raw mail bucket → inbound function, and what each part may do.
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { allowedActions, environmentOf, functionsOf, logicalIdOf, propertiesOf, resourcesAllowed, sendingResources, sesArn, synth, TEST_REGION } from './synth.js';

const { stack, template } = synth({ inboundDomain: 'in.example.org' });
const { bucket, handler, ruleSet, rule } = stack.inboundMail;

const bucketId = logicalIdOf(bucket);
const bucketArn = { 'Fn::GetAtt': [bucketId, 'Arn'] };
const objectsUnder = (prefix: string) => ({ 'Fn::Join': ['', [bucketArn, `/${prefix}*`]] });
const rulesOfThisSet = sesArn('receipt-rule-set', ruleSet, ':receipt-rule/*');
const ses = { Service: 'ses.amazonaws.com' };

interface PolicyStatementJson {
  Effect: 'Allow' | 'Deny';
  Principal: unknown;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

function bucketPolicyStatements(t: Template): PolicyStatementJson[] {
  const policies = t.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: bucketId } } });
  return Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement as PolicyStatementJson[]);
}

const ruleProperties = () => (propertiesOf(template, rule) as { Rule: Record<string, unknown> }).Rule;
const everyFunction = Object.values(functionsOf(stack));

describe('the raw mail bucket', () => {
  it('blocks all public access and encrypts every object with S3-managed keys', () => {
    expect(propertiesOf(template, bucket)).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    });
  });

  it('logs every access to a bucket of its own: private, S3-encrypted, TLS only, logs kept 90 days and retained', () => {
    const logs = stack.inboundMail.accessLogsBucket;
    expect(propertiesOf(template, bucket).LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: logicalIdOf(logs) }, LogFilePrefix: 'raw-mail/' });
    expect(propertiesOf(template, logs)).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      LifecycleConfiguration: { Rules: [{ Id: 'ExpireAccessLogs', ExpirationInDays: 90, Status: 'Enabled' }] },
    });
    const policies = template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: logicalIdOf(logs) } } });
    const statements = Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement as PolicyStatementJson[]);
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject' }));
    expect(template.toJSON().Resources[logicalIdOf(logs)]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('refuses every request made without TLS', () => {
    expect(bucketPolicyStatements(template)).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('expires raw mail after 30 days and outlives a stack delete', () => {
    expect(propertiesOf(template, bucket).LifecycleConfiguration).toEqual({
      Rules: [{ Id: 'ExpireRawMail', ExpirationInDays: 30, Status: 'Enabled' }],
    });
    template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('lets SES alone put objects, only under inbound/ and only for this account', () => {
    const allowed = bucketPolicyStatements(template).filter((statement) => statement.Effect === 'Allow');
    expect(allowed).toEqual([
      {
        Effect: 'Allow',
        Principal: ses,
        Action: 's3:PutObject',
        Resource: objectsUnder('inbound/'),
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      },
    ]);
  });

  it("refuses objects from SES for any receipt rule outside this stack's rule set", () => {
    expect(bucketPolicyStatements(template)).toContainEqual({
      Effect: 'Deny',
      Principal: ses,
      Action: 's3:PutObject',
      Resource: objectsUnder(''),
      Condition: { ArnNotLike: { 'aws:SourceArn': rulesOfThisSet } },
    });
  });
});

describe('the receipt rule', () => {
  it('receives mail for every address at the inbound domain, scanned for spam and viruses, over TLS only', () => {
    expect(ruleProperties()).toMatchObject({ Enabled: true, Recipients: ['in.example.org'], ScanEnabled: true, TlsPolicy: 'Require' });
    expect(propertiesOf(template, rule).RuleSetName).toEqual({ Ref: logicalIdOf(ruleSet) });
  });

  it('first stores the message under inbound/ in the bucket, then invokes the inbound function asynchronously', () => {
    expect(ruleProperties().Actions).toEqual([
      { S3Action: { BucketName: { Ref: bucketId }, ObjectKeyPrefix: 'inbound/' } },
      { LambdaAction: { FunctionArn: { 'Fn::GetAtt': [logicalIdOf(handler), 'Arn'] }, InvocationType: 'Event' } },
    ]);
  });

  it("is created only once SES may write to the bucket and invoke the function, as SES checks both", () => {
    const { DependsOn } = template.toJSON().Resources[logicalIdOf(rule)] as { DependsOn: string[] };
    expect(DependsOn).toEqual(expect.arrayContaining([logicalIdOf(bucket.policy!)]));
    const permissionIds = Object.keys(template.findResources('AWS::Lambda::Permission', { Properties: { Principal: 'ses.amazonaws.com' } }));
    expect(DependsOn).toEqual(expect.arrayContaining(permissionIds));
  });

  it("lets SES invoke the inbound function only for this account's rule set, through one permission", () => {
    const permissions = template.findResources('AWS::Lambda::Permission', { Properties: { Principal: 'ses.amazonaws.com' } });
    expect(Object.values(permissions).map((permission) => permission.Properties)).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [logicalIdOf(handler), 'Arn'] },
        Principal: 'ses.amazonaws.com',
        SourceAccount: { Ref: 'AWS::AccountId' },
        SourceArn: rulesOfThisSet,
      },
    ]);
  });
});

describe('activating the rule set', () => {
  it('is left to the operator by default: the stack makes no SDK call and says how in the output', () => {
    template.resourceCountIs('Custom::AWS', 0);
    template.hasOutput('ReceiptRuleSetName', {
      Value: { Ref: logicalIdOf(ruleSet) },
      Description: Match.stringLikeRegexp('aws ses set-active-receipt-rule-set'),
    });
  });

  it('happens on deploy with activateRuleSet=true, after the rule exists, and is undone on delete', () => {
    const custom = synth({ activateRuleSet: 'true' });
    const calls = Object.entries(custom.template.findResources('Custom::AWS'));
    expect(calls).toHaveLength(1);
    const [, resource] = calls[0]!;
    const create = JSON.stringify(resource.Properties.Create);
    expect(create).toContain('SetActiveReceiptRuleSet');
    expect(create).toContain(JSON.stringify({ Ref: logicalIdOf(custom.stack.inboundMail.ruleSet) }));
    expect(JSON.parse(resource.Properties.Delete as string)).toMatchObject({ action: 'SetActiveReceiptRuleSet', parameters: {} });
    expect(resource.DependsOn).toContain(logicalIdOf(custom.stack.inboundMail.rule));
  });

  it('stops the synth with a clear message when activateRuleSet is neither true nor false', () => {
    expect(() => synth({ activateRuleSet: 'maybe' })).toThrow(/Kompis CDK context is invalid:\n {2}activateRuleSet: must be true or false/);
  });
});

describe('the inbound function', () => {
  it('is told the bucket and the key prefix SES stores raw mail under', () => {
    expect(environmentOf(template, handler)).toMatchObject({ KOMPIS_INBOUND_BUCKET: { Ref: bucketId }, KOMPIS_INBOUND_PREFIX: 'inbound/' });
  });

  it('may get and delete raw mail under inbound/ (none is kept once handled), and may not put or list objects', () => {
    expect(resourcesAllowed(template, handler, 's3:GetObject')).toEqual([objectsUnder('inbound/')]);
    expect(resourcesAllowed(template, handler, 's3:DeleteObject')).toEqual([objectsUnder('inbound/')]);
    expect(allowedActions(template, handler).filter((action) => action.startsWith('s3:')).sort()).toEqual(['s3:DeleteObject', 's3:GetObject']);
  });

  it('may read and write the table and send raw email from the identity through the configuration set', () => {
    const tableArn = { 'Fn::GetAtt': [logicalIdOf(stack.table), 'Arn'] };
    for (const action of ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query']) {
      expect(resourcesAllowed(template, handler, action)).toContainEqual(tableArn);
    }
    expect(resourcesAllowed(template, handler, 'ses:SendRawEmail')).toEqual(sendingResources(stack));
  });
});

describe('the inbound domain', () => {
  it('reaches every function as KOMPIS_INBOUND_DOMAIN, the very domain the receipt rule receives for', () => {
    for (const fn of everyFunction) expect(environmentOf(template, fn).KOMPIS_INBOUND_DOMAIN).toBe('in.example.org');
  });

  it('defaults to in.<domain>, so synth needs no flags: in.example.com, and in.kompis.no for -c domain=kompis.no', () => {
    for (const [context, expected] of [[{}, 'in.example.com'], [{ domain: 'kompis.no', fromAddress: 'coach@kompis.no' }, 'in.kompis.no']] as const) {
      const plain = synth(context);
      expect(environmentOf(plain.template, plain.stack.inboundMail.handler).KOMPIS_INBOUND_DOMAIN).toBe(expected);
      expect((propertiesOf(plain.template, plain.stack.inboundMail.rule) as { Rule: { Recipients: string[] } }).Rule.Recipients).toEqual([expected]);
    }
  });

  it('is verified through the sending domain when it lies under it, so it gets no identity of its own', () => {
    const under = synth({ inboundDomain: 'in.example.com' });
    expect(under.stack.inboundMail.identity).toBeUndefined();
    expect(Object.values(under.template.findResources('AWS::SES::EmailIdentity')).map((r) => r.Properties.EmailIdentity)).toEqual(['example.com']);
  });

  it('gets an Easy DKIM identity of its own when it lies outside the sending domain, with its DKIM records in the outputs', () => {
    const identity = stack.inboundMail.identity!;
    expect(propertiesOf(template, identity)).toMatchObject({ EmailIdentity: 'in.example.org', DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' } });
    for (const n of [1, 2, 3]) {
      template.hasOutput(`InboundDkimRecord${n}`, {
        Value: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalIdOf(identity), `DkimDNSTokenName${n}`] }, ' CNAME ', { 'Fn::GetAtt': [logicalIdOf(identity), `DkimDNSTokenValue${n}`] }]] },
      });
    }
  });

  it('is lower-cased, as the functions read it, so the rule and the reply addresses agree', () => {
    const mixed = synth({ inboundDomain: 'In.Example.ORG' });
    expect(environmentOf(mixed.template, mixed.stack.web.handler).KOMPIS_INBOUND_DOMAIN).toBe('in.example.org');
    expect((propertiesOf(mixed.template, mixed.stack.inboundMail.rule) as { Rule: { Recipients: string[] } }).Rule.Recipients).toEqual([
      'in.example.org',
    ]);
  });

  it('stops the synth with a clear message when inboundDomain is not a domain name', () => {
    for (const bad of ['localhost', 'goal@in.example.org', 'https://in.example.org', 'in.example.org.', '-in.example.org', 'in..example.org', 42]) {
      expect(() => synth({ inboundDomain: bad })).toThrow(/Kompis CDK context is invalid:\n {2}inboundDomain: must be the domain that receives replies/);
    }
  });
});

describe('the stack', () => {
  it('outputs the bucket name, the rule set name and the MX record the operator must create', () => {
    template.hasOutput('InboundBucketName', { Value: { Ref: bucketId } });
    template.hasOutput('ReceiptRuleSetName', { Value: { Ref: logicalIdOf(ruleSet) } });
    template.hasOutput('InboundMxRecord', {
      Value: `in.example.org MX 10 inbound-smtp.${TEST_REGION}.amazonaws.com`,
    });
  });

  it('synthesizes without errors or warnings with the rule set activated too', () => {
    const activated = synth({ activateRuleSet: true });
    for (const s of [stack, activated.stack]) {
      Annotations.fromStack(s).hasNoError('*', Match.anyValue());
      Annotations.fromStack(s).hasNoWarning('*', Match.anyValue());
    }
  });
});
