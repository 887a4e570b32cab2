// The last guard before any send: an address that bounced, complained or asked for no mail is never
// written to — checked here, by us, not only by SES's account-level list.
import type { Mailer, OutgoingEmail, Store } from '../ports.js';

export const SUPPRESSED_MESSAGE_ID = 'suppressed';

export class SuppressionAwareMailer implements Mailer {
  constructor(
    private readonly store: Pick<Store, 'isSuppressed'>,
    private readonly inner: Mailer,
  ) {}

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    if (await this.store.isSuppressed(email.to.toLowerCase())) return { messageId: SUPPRESSED_MESSAGE_ID };
    return this.inner.send(email);
  }
}
