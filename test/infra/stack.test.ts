// Synth tests for the Kompis stack: the resources, settings and permissions the code relies on.
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { createTableInput } from '../../functions/adapters/table-definition.js';
import { environmentOf, functionsOf, logicalIdOf, onlyLogicalId as onlyLogicalIdIn, propertiesOf, resourcesAllowed, roleStatements, sendingResources, synth } from './synth.js';

const { stack, template } = synth();
const { web } = stack;
const everyFunction = Object.values(functionsOf(stack));

function onlyLogicalId(type: string, props?: unknown): string {
  return onlyLogicalIdIn(template, type, props);
}

const tableId = onlyLogicalId('AWS::DynamoDB::GlobalTable');
const functionId = logicalIdOf(web.handler);
const apiId = onlyLogicalId('AWS::ApiGatewayV2::Api');
const tableArn = { 'Fn::GetAtt': [tableId, 'Arn'] };

describe('the table', () => {
  it('keys every item by pk and sk', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    });
  });

  it('declares the same keys and index as the table the local stack creates', () => {
    const local = createTableInput('kompis');
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: local.KeySchema,
      AttributeDefinitions: Match.arrayEquals(local.AttributeDefinitions ?? []),
      GlobalSecondaryIndexes: local.GlobalSecondaryIndexes,
    });
  });

  it('keeps unconfirmed goals off the due index via a sparse gsi1 keyed by gsi1pk and gsi1sk', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      GlobalSecondaryIndexes: [
        {
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      // Only key attributes are declared; goals without gsi1pk simply do not appear in the index.
      AttributeDefinitions: Match.arrayEquals([
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'gsi1pk', AttributeType: 'S' },
        { AttributeName: 'gsi1sk', AttributeType: 'S' },
      ]),
    });
  });

  it('expires rate counters through TTL on expiresAt', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('bills per request and keeps point-in-time recovery on', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
    });
  });

  it('survives a stack delete or replacement: deletion protection on, retained by CloudFormation', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ Replicas: [Match.objectLike({ DeletionProtectionEnabled: true })] }),
    });
  });

  it('encrypts the data with a KMS key', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
    });
  });
});

describe('the web function', () => {
  it('runs Node.js 24 on arm64 with source maps, 512 MB and the table name in KOMPIS_TABLE', () => {
    expect(propertiesOf(template, web.handler)).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 512,
      Environment: { Variables: { KOMPIS_TABLE: { Ref: tableId }, NODE_OPTIONS: '--enable-source-maps' } },
    });
  });

  it("puts the API URL into links, a From address at the domain and the signing secret's ARN (never its value) in its environment", () => {
    const env = environmentOf(template, web.handler);
    expect(JSON.stringify(env.KOMPIS_BASE_URL)).toContain(`{"Ref":"${apiId}"}`);
    expect(env.KOMPIS_FROM).toMatch(/<coach@example\.com>$|^coach@example\.com$/);
    expect(env.KOMPIS_SECRET_ARN).toEqual({ Ref: onlyLogicalId('AWS::SecretsManager::Secret') });
    expect(env).not.toHaveProperty('KOMPIS_SECRET');
  });

  it('generates a 64-character signing secret of letters and digits, which the key parser reads as one key', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { ExcludePunctuation: true, PasswordLength: 64 },
    });
  });

  it('may get, put, update, delete and query items of the table and its due index, and nothing more', () => {
    expect(roleStatements(template, web.handler)).toContainEqual({
      Effect: 'Allow',
      Action: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
      Resource: [tableArn, { 'Fn::Join': ['', [tableArn, '/index/gsi1']] }],
    });
  });

  it('may not manage the table itself', () => {
    const actions = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(actions).not.toMatch(/dynamodb:(\*|DeleteTable|UpdateTable|CreateTable)/);
  });

  it('may send raw email through SES, from the domain identity and through the configuration set only', () => {
    expect(resourcesAllowed(template, web.handler, 'ses:SendRawEmail')).toEqual(sendingResources(stack));
  });
});

describe('every function', () => {
  it('reads the same table, base URL, From address, signing secret and inbound domain as the web function', () => {
    const shared = ['KOMPIS_TABLE', 'KOMPIS_BASE_URL', 'KOMPIS_FROM', 'KOMPIS_SECRET_ARN', 'KOMPIS_INBOUND_DOMAIN'];
    const pick = (env: Record<string, unknown>) => Object.fromEntries(shared.map((name) => [name, env[name]]));
    const webSettings = pick(environmentOf(template, web.handler));
    expect(Object.values(webSettings)).not.toContain(undefined);
    for (const fn of everyFunction) expect(pick(environmentOf(template, fn))).toEqual(webSettings);
  });

  it('logs to a log group of its own, kept for one month', () => {
    const logGroups = template.findResources('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 30 } });
    const used = everyFunction.map((fn) => (propertiesOf(template, fn).LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref);
    expect(new Set(used).size).toBe(everyFunction.length);
    for (const id of used) expect(Object.keys(logGroups)).toContain(id);
  });

  it('names its log group /aws/lambda/Kompis-<function>, as the README tells operators to tail, and deletes it with the stack', () => {
    const names = Object.entries(functionsOf(stack)).map(([, fn]) => {
      const { Ref } = (propertiesOf(template, fn).LoggingConfig as { LogGroup: { Ref: string } }).LogGroup;
      const logGroup = template.toJSON().Resources[Ref] as { Properties: { LogGroupName: string }; DeletionPolicy: string };
      expect(logGroup.DeletionPolicy).toBe('Delete');
      return logGroup.Properties.LogGroupName;
    });
    expect(names).toEqual(['/aws/lambda/Kompis-Http', '/aws/lambda/Kompis-Tick', '/aws/lambda/Kompis-Send', '/aws/lambda/Kompis-Inbound', '/aws/lambda/Kompis-Feedback']);
  });
});

describe('the HTTP API', () => {
  it('sends every request to the web function through the $default route', () => {
    const integrationId = onlyLogicalId('AWS::ApiGatewayV2::Integration', {
      Properties: {
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: { 'Fn::GetAtt': [functionId, 'Arn'] },
        PayloadFormatVersion: '2.0',
      },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      ApiId: { Ref: apiId },
      RouteKey: '$default',
      Target: { 'Fn::Join': ['', ['integrations/', { Ref: integrationId }]] },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [functionId, 'Arn'] },
      Principal: 'apigateway.amazonaws.com',
    });
  });

  it('throttles the auto-deployed $default stage to bursts of 50 and 20 requests a second', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      ApiId: { Ref: apiId },
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingBurstLimit: 50, ThrottlingRateLimit: 20 },
    });
  });
});

describe('the HTTP API access log', () => {
  it('goes to a log group kept one month, with the request id, and without the path, whose links carry tokens', () => {
    const settings = (template.findResources('AWS::ApiGatewayV2::Stage')[onlyLogicalId('AWS::ApiGatewayV2::Stage')]!.Properties as {
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [string, string] }; Format: string };
    }).AccessLogSettings;
    const [logGroupId] = settings.DestinationArn['Fn::GetAtt'];
    expect(template.toJSON().Resources[logGroupId]).toMatchObject({
      Type: 'AWS::Logs::LogGroup',
      Properties: { LogGroupName: '/aws/apigateway/Kompis-Web', RetentionInDays: 30 },
    });
    const format = JSON.parse(settings.Format) as Record<string, string>;
    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    expect(Object.values(format).join(' ')).not.toMatch(/\$context\.(path|resourcePath|routeKey)/);
  });
});

describe('the stack', () => {
  it('outputs the API URL and the table name', () => {
    template.hasOutput('ApiUrl', { Value: { 'Fn::Join': ['', Match.arrayWith([{ Ref: apiId }])] } });
    template.hasOutput('TableName', { Value: { Ref: tableId } });
  });

  // A circular reference (say, the API's description naming the function) already fails synth():
  // cdk.json turns on @aws-cdk/core:validateAgainstDefaultRules, which runs CloudFormation's validation.
  it('synthesizes without errors or warnings', () => {
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  it('puts the baseUrl context, when given, into the links of every function instead of the API URL', () => {
    const custom = synth({ baseUrl: 'https://kompis.example.com' });
    for (const fn of Object.values(functionsOf(custom.stack))) {
      expect(environmentOf(custom.template, fn).KOMPIS_BASE_URL).toBe('https://kompis.example.com');
    }
  });

  it('stops the synth with a clear message when baseUrl is not a URL', () => {
    expect(() => synth({ baseUrl: 'kompis.example.com' })).toThrow(/Kompis CDK context is invalid:\n {2}baseUrl: must be the public base URL/);
  });
});
