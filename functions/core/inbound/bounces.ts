// A delivery report that reached a goal's signed address (a server that bounces to the Reply-To instead
// of the envelope sender): a hard bounce for the goal's owner or buddy suppresses that address, the same as
// SES's own bounce feedback — when the report comes, vouched for, from the bounced address's own domain
// (its mail system, "MAILER-DAEMON@mx1.example.no" for "ola@example.no"). Anyone holding a signed address
// could write a report, a mailbox at the same provider too; only that domain's mail system can say its
// mailbox is gone. Nothing is ever sent back.
import type { Goal } from '../goal.js';
import { suppressAddresses } from '../emails/feedback.js';
import type { Deps } from '../ports.js';
import type { BounceReport } from '../replies/delivery-report.js';
import { isMailSystem } from '../replies/mail-kind.js';
import { supportersOf } from '../buddy/supporters.js';

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);

export async function handleBounce(deps: Deps, goal: Goal, bounce: BounceReport | undefined, reporter: string | undefined): Promise<string> {
  if (!bounce?.hard) return 'dropped:bounce';
  const parties = new Set([goal.owner, ...supportersOf(goal).map((s) => s.email)]);
  const ours = bounce.recipients.filter((address) => parties.has(address));
  if (!ours.length) return 'dropped:bounce-unknown-recipient';
  // A mailbox at the same provider ("mallory@gmail.com" about "ola@gmail.com") is not its mail system.
  const from = reporter && isMailSystem(reporter) ? domainOf(reporter) : '';
  const own = ours.filter((address) => from !== '' && (from === domainOf(address) || from.endsWith(`.${domainOf(address)}`)));
  if (!own.length) return 'dropped:bounce-unverified';
  await suppressAddresses(deps.store, own.map((address) => [address, 'bounce']), deps.clock.now());
  return 'bounce:suppressed';
}
