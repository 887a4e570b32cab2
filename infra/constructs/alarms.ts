// Alarms that mail the operator: dead letters and failed events waiting, functions failing or throttled, the web
// answering 5xx, SES reputation slipping.
import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, MathExpression, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CEILING_METRIC } from '../../functions/core/limits/ceilings.js';
import { METRICS_NAMESPACE } from '../../functions/core/ports.js';
import type { ServiceTopics } from './service-topics.js';

/**
 * Alarm well before SES reviews the account (it does at a 5% bounce and a 0.1% complaint rate, and may pause
 * sending at 10% and 0.5%): the metrics are fractions, so 0.02 is 2%.
 */
export const SES_BOUNCE_RATE_LIMIT = 0.02;
export const SES_COMPLAINT_RATE_LIMIT = 0.0005;

/** Share of web requests answered 5xx in 5 minutes above which the operator is mailed. */
export const HTTP_5XX_RATE_LIMIT = 0.05;

export interface KompisAlarmsProps {
  /** Where the alarm topic is made, with a key CloudWatch may use. */
  readonly topics: ServiceTopics;
  /** Who gets the alarms; the subscription waits until they confirm it from the email SNS sends. */
  readonly email: string;
}

export class KompisAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: KompisAlarmsProps) {
    super(scope, id);
    // CloudWatch publishes the alarms' state changes; only for alarms of this account and region.
    const alarmsHere = Stack.of(this).formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    this.topic = props.topics.newTopic('Topic', 'Kompis alarms', { service: 'cloudwatch.amazonaws.com', sourceArn: alarmsHere });
    this.topic.addSubscription(new EmailSubscription(props.email));
  }

  /** Any message in a dead-letter queue is an email or a tick that did not happen, and waits for a look. */
  watchDeadLetters(id: string, queue: IQueue, what: string): this {
    return this.alarmAbove(`${id}Waiting`, queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum' }), 0, {
      description: `${what} are waiting in ${queue.queueName}: see the README (Deploy to AWS, Alarms)`,
    });
  }

  /** Any error or throttle: at Kompis's volume one is worth a look, and none is the normal state. */
  watchFunction(id: string, fn: IFunction): this {
    this.alarmAbove(`${id}Errors`, fn.metricErrors({ statistic: 'Sum' }), 0, { description: `${fn.functionName} failed` });
    return this.alarmAbove(`${id}Throttles`, fn.metricThrottles({ statistic: 'Sum' }), 0, {
      description: `${fn.functionName} was throttled`,
    });
  }

  /**
   * The share of web requests answered with a 5xx. The app turns a store or mail failure into a 503 page, so
   * Lambda counts no error for it: only the API sees it. A rate, not a count, so a busy day's one throttle does
   * not page; at Kompis's usual volume a single 503 among a handful of requests is over it, and worth a look.
   */
  watchHttpApi(id: string, api: IHttpApi): this {
    const rate = new MathExpression({
      expression: 'IF(requests > 0, errors / requests, 0)',
      usingMetrics: { errors: api.metricServerError({ statistic: 'Sum' }), requests: api.metricCount({ statistic: 'Sum' }) },
      period: Duration.minutes(5),
      label: 'Share of requests answered 5xx',
    });
    return this.alarmAbove(`${id}ServerErrorRate`, rate, HTTP_5XX_RATE_LIMIT, {
      description: `Over ${HTTP_5XX_RATE_LIMIT * 100}% of web requests were answered 5xx: read the http function's log (Kompis-Http, level ERROR) and its Kompis metrics by kind`,
    });
  }

  /**
   * Any hourly ceiling on confirmation or invitation emails reached (the app's `CeilingReached` metric). The
   * metric carries kind, scope and the emitting function as dimensions, and an alarm needs one series: a Metrics
   * Insights query sums every combination, so a new function or kind is covered without touching this.
   */
  watchCeilings(): this {
    const reached = new MathExpression({
      expression: `SELECT SUM(${CEILING_METRIC}) FROM SCHEMA(${METRICS_NAMESPACE}, kind, scope, service)`,
      usingMetrics: {},
      period: Duration.minutes(5),
      label: 'Hourly email ceilings reached',
    });
    return this.alarmAbove('CeilingReached', reached, 0, {
      description: 'Kompis held back confirmation or invitation emails at an hourly ceiling: see the README (Alarms, CeilingReached)',
    });
  }

  /** The account's bounce and complaint rates, as SES computes them for its review. */
  watchSesReputation(): this {
    const reputation = (metricName: string) => new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) });
    this.alarmAbove('SesBounceRate', reputation('Reputation.BounceRate'), SES_BOUNCE_RATE_LIMIT, {
      description: 'SES bounce rate is over 2%: find the source of bad addresses before SES reviews the account at 5%',
    });
    return this.alarmAbove('SesComplaintRate', reputation('Reputation.ComplaintRate'), SES_COMPLAINT_RATE_LIMIT, {
      description: 'SES complaint rate is over 0.05%: find out who marks Kompis as spam before SES reviews the account at 0.1%',
    });
  }

  private alarmAbove(id: string, metric: IMetric, threshold: number, options: { description: string }): this {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      alarmDescription: options.description,
      // No data is no failure: an idle function reports no Errors at all.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
    return this;
  }
}
