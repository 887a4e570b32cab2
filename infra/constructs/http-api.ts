// The public web: an HTTP API whose every request goes to the Hono app in one Lambda.
import { HttpApi, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Construct } from 'constructs';
import { KompisFunction, type KompisSettings } from './kompis-function.js';

export interface KompisHttpApiProps extends Omit<KompisSettings, 'baseUrl'> {
  /** Public base URL put into links; defaults to the API's own execute-api URL. */
  readonly baseUrl?: string | undefined;
}

export class KompisHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly handler: KompisFunction;
  /** The base URL the web function puts into links: the one given, or the API's own. */
  readonly baseUrl: string;

  constructor(scope: Construct, id: string, props: KompisHttpApiProps) {
    super(scope, id);

    this.handler = new KompisFunction(this, 'Http', {
      entry: 'functions/http/lambda.ts',
      description: 'Kompis web pages and forms (Hono)',
    })
      .grantTableReadWrite(props.table)
      .grantSendEmail();

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
    this.baseUrl = props.baseUrl ?? this.stage.url;
    this.handler.configure({ ...props, baseUrl: this.baseUrl });
  }

  /** The URL people open, ending in `/`. */
  get url(): string {
    return this.stage.url;
  }
}
