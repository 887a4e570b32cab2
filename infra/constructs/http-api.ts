// The public web: an HTTP API whose every request goes to the Hono app in one Lambda.
import { HttpApi, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { KompisFunction } from './kompis-function.js';

export interface KompisHttpApiProps {
  readonly table: ITableV2;
  /** Token signing keys (see functions/config.ts, KOMPIS_SECRET). */
  readonly signingSecret: ISecret;
  /** Public base URL put into links; defaults to the API's own execute-api URL. */
  readonly baseUrl?: string | undefined;
  /** The From header of every email, e.g. `Kompis <coach@example.com>`. */
  readonly fromAddress: string;
}

export class KompisHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly handler: KompisFunction;

  constructor(scope: Construct, id: string, props: KompisHttpApiProps) {
    super(scope, id);

    this.handler = new KompisFunction(this, 'Http', {
      entry: 'functions/http/lambda.ts',
      description: 'Kompis web pages and forms (Hono)',
    }).grantTable(props.table);

    this.api = new HttpApi(this, 'Api', {
      description: 'Kompis web: sign-up, confirmations and check-in pages',
      defaultIntegration: new HttpLambdaIntegration('Http', this.handler),
      // HttpApi cannot throttle the stage it creates itself, so the $default stage is made below.
      createDefaultStage: false,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      // A public form that sends email: cap what one burst can cost before per-address rate limits apply.
      throttle: { burstLimit: 50, rateLimit: 20 },
    });

    // The stage URL is built from the API id alone, so the function may carry it without a cycle
    // (the integration points at the function, the function's environment at the API).
    this.handler.addEnvironment('KOMPIS_BASE_URL', props.baseUrl ?? this.stage.url);
    this.handler.addEnvironment('KOMPIS_FROM', props.fromAddress);
    // TODO(issue 7): read the secret from Secrets Manager at cold start instead. The template holds only a
    // {{resolve:secretsmanager:…}} reference, but CloudFormation resolves it at deploy, so the value sits in
    // plain text in the function's configuration, readable by anyone allowed lambda:GetFunctionConfiguration.
    this.handler.addEnvironment('KOMPIS_SECRET', props.signingSecret.secretValue.unsafeUnwrap());

    // TODO(issue 7): narrow to the verified identity and the configuration set once the email construct exists.
    this.handler.addToRolePolicy(new PolicyStatement({ actions: ['ses:SendRawEmail'], resources: ['*'] }));
  }

  /** The URL people open, ending in `/`. */
  get url(): string {
    return this.stage.url;
  }
}
