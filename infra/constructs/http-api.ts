// The public web: an HTTP API whose every request goes to the Hono app in one Lambda.
import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { ApiMapping, DomainName, HttpApi, LogGroupLogDestination, type HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { KompisFunction, type KompisSettings } from './kompis-function.js';
import type { EmailSender } from './outbound-mail.js';

/**
 * AWS's JSON fields for HTTP APIs, less the path: Kompis links carry signed tokens, which must not sit in logs
 * (the only route is `$default`, so routeKey tells nothing either).
 */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    ip: '$context.identity.sourceIp',
    requestTime: '$context.requestTime',
    httpMethod: '$context.httpMethod',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    integrationError: '$context.integrationErrorMessage',
  }),
);

/** A domain of our own for the web, with an ACM certificate for it in the stack's region. */
export interface ApiCustomDomain {
  readonly domainName: string;
  readonly certificateArn: string;
}

export interface KompisHttpApiProps extends Omit<KompisSettings, 'baseUrl'> {
  /** Public base URL put into links; defaults to the custom domain's, else the API's own execute-api URL. */
  readonly baseUrl?: string | undefined;
  readonly customDomain?: ApiCustomDomain | undefined;
  /** The confirmation emails go out from the web function. */
  readonly sender: EmailSender;
}

export class KompisHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly handler: KompisFunction;
  /** The custom domain, when one was given; its DNS record points at `regionalDomainName`. */
  readonly domainName?: DomainName;
  /** The base URL the web function puts into links: the one given, or the one people open. */
  readonly baseUrl: string;
  /** The URL people open, ending in `/`. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: KompisHttpApiProps) {
    super(scope, id);

    this.handler = new KompisFunction(this, 'Http', {
      entry: 'functions/http/lambda.ts',
      description: 'Kompis web pages and forms (Hono)',
    })
      .grantTableReadWrite(props.table)
      .grantSendEmail(props.sender);

    this.api = new HttpApi(this, 'Api', {
      description: 'Kompis web: sign-up, confirmations and check-in pages',
      defaultIntegration: new HttpLambdaIntegration('Http', this.handler),
      // HttpApi cannot throttle the stage it creates itself, so the $default stage is made below.
      createDefaultStage: false,
    });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'A public website: anyone may open the sign-up form, and nobody has an account to log in with. Every request about a goal carries an HMAC-signed token from an email, which the function checks; the stage is throttled',
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      // A public form that sends email: cap what one burst can cost before per-address rate limits apply.
      throttle: { burstLimit: 50, rateLimit: 20 },
      // Who asked for what, and what came back: the function logs what it did, not requests it never saw (throttled ones).
      accessLogSettings: {
        destination: new LogGroupLogDestination(
          new LogGroup(this, 'AccessLogs', {
            logGroupName: `/aws/apigateway/${Stack.of(this).stackName}-Web`,
            retention: RetentionDays.ONE_MONTH,
            removalPolicy: RemovalPolicy.DESTROY,
          }),
        ),
        format: ACCESS_LOG_FORMAT,
      },
    });

    this.url = this.stage.url;
    if (props.customDomain) {
      this.domainName = new DomainName(this, 'DomainName', {
        domainName: props.customDomain.domainName,
        certificate: Certificate.fromCertificateArn(this, 'Certificate', props.customDomain.certificateArn),
      });
      new ApiMapping(this, 'Mapping', { api: this.api, domainName: this.domainName, stage: this.stage });
      this.url = `https://${props.customDomain.domainName}/`;
    }

    // The stage URL is built from the API id alone, so the function may carry it without a cycle
    // (the integration points at the function, the function's environment at the API).
    this.baseUrl = props.baseUrl ?? this.url;
    this.handler.configure({ ...props, baseUrl: this.baseUrl });
  }
}
