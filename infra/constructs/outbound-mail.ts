// Email out: the SES domain identity (Easy DKIM, custom MAIL FROM) and the configuration set that reports feedback.
import { Stack } from 'aws-cdk-lib';
import {
  ConfigurationSet,
  DkimIdentity,
  EasyDkimSigningKeyLength,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { ServiceTopics } from './service-topics.js';

/** What a function needs to send: the identity it sends from and the configuration set it names. */
export interface EmailSender {
  readonly identityArn: string;
  readonly configurationSetName: string;
  readonly configurationSetArn: string;
  /** Identities of verified recipients the functions may also send to: only for a trial in the SES sandbox. */
  readonly sandboxRecipientArns: string[];
}

/**
 * The events the feedback function acts on — hard bounces and complaints suppress the address; a Send
 * event settles a send whose outcome the sender could not know (see README, Reliability) — or logs
 * (rejects, delays).
 */
export const FEEDBACK_EVENTS = [
  EmailSendingEvent.SEND,
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
  EmailSendingEvent.REJECT,
  EmailSendingEvent.DELIVERY_DELAY,
];

export interface KompisOutboundMailProps {
  /** The domain Kompis sends from. */
  readonly domain: string;
  /** Its subdomain used as MAIL FROM, e.g. `mail.example.com`. */
  readonly mailFromDomain: string;
  /** Where the feedback topic is made, with a key SES may use. */
  readonly topics: ServiceTopics;
  /**
   * Verified addresses to try Kompis with while the account is in the SES sandbox, where SES checks a send
   * against the recipient's identity too (and refuses it as "not authorized" unless the sender may use it).
   */
  readonly sandboxRecipients?: string[];
}

/**
 * Sending is verified and authenticated once the operator has created the DNS records the stack outputs:
 * three DKIM CNAMEs (which also verify the domain), and the MAIL FROM domain's MX and SPF records.
 */
export class KompisOutboundMail extends Construct implements EmailSender {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  /** SES publishes the feedback events here; the feedback function subscribes. */
  readonly feedbackTopic: Topic;
  readonly identityArn: string;
  readonly configurationSetName: string;
  readonly configurationSetArn: string;
  readonly sandboxRecipientArns: string[];

  constructor(scope: Construct, id: string, props: KompisOutboundMailProps) {
    super(scope, id);

    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      // Bounce and complaint rates per set, besides the account's own (which the alarms watch).
      reputationMetrics: true,
      // Addresses that bounced or complained are not sent to again, even if a bug asks for it: a repeat is what
      // harms the sending reputation. The feedback function also marks them in the table, so no email is queued.
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      sendingEnabled: true,
    });
    this.configurationSetName = this.configurationSet.configurationSetName;
    this.configurationSetArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSetName,
    });

    this.feedbackTopic = props.topics.newTopic('FeedbackTopic', 'Kompis SES feedback');
    // This also lets SES publish to the topic, for this configuration set only, and waits for that policy.
    this.configurationSet.addEventDestination('ToFeedbackTopic', {
      destination: EventDestination.snsTopic(this.feedbackTopic),
      events: FEEDBACK_EVENTS,
    });

    this.identity = new EmailIdentity(this, 'Identity', {
      identity: Identity.domain(props.domain),
      dkimIdentity: DkimIdentity.easyDkim(EasyDkimSigningKeyLength.RSA_2048_BIT),
      dkimSigning: true,
      // The envelope sender in our own domain, so SPF passes aligned with the From domain and DMARC can pass on SPF too.
      mailFromDomain: props.mailFromDomain,
      // Every send from the domain goes through the set, even one that names none.
      configurationSet: this.configurationSet,
    });
    this.identityArn = this.identity.emailIdentityArn;
    this.sandboxRecipientArns = (props.sandboxRecipients ?? []).map((address) =>
      Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: address }),
    );
  }
}
