// Bounces and complaints from SES suppress an address for good, and the mailer then never writes to it.
import { describe, expect, it } from 'vitest';
import { parseSesFeedback } from '../../functions/adapters/aws-events.js';
import { applyFeedback as applyCore } from '../../functions/core/emails/feedback.js';

const applyFeedback = (store: Parameters<typeof applyCore>[0], event: unknown, now: Date) => applyCore(store, parseSesFeedback(event), now);
import { SUPPRESSED_MESSAGE_ID } from '../../functions/core/emails/suppression.js';
import type { Deps } from '../../functions/core/ports.js';
import { FixedClock, freshTable, testDeps } from '../helpers/deps.js';
import { uniqueEmail } from '../helpers/factories.js';
import { anActiveGoal } from '../helpers/goals.js';
import { outboxFor } from '../helpers/outbox.js';
import { tickAt } from '../helpers/weekly.js';

describe('suppression', () => {
  it('suppresses a hard bounce and a complaint, not a soft bounce, and never sends to a suppressed address', async () => {
    const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
    const deps = testDeps(clock, await freshTable()) as Deps & { clock: FixedClock };
    const goal = await anActiveGoal(deps, { locale: 'en', weeks: '3' });
    const soft = uniqueEmail('soft');
    const complainer = uniqueEmail('complainer');

    await applyFeedback(deps.store, { eventType: 'Bounce', bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: soft }] } }, clock.now());
    await applyFeedback(deps.store, { eventType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: `Ola <${goal.owner.toUpperCase()}>` }] } }, clock.now());
    await applyFeedback(deps.store, { eventType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: complainer }] } }, clock.now());
    await applyFeedback(deps.store, { nonsense: true }, clock.now());

    expect(await deps.store.isSuppressed(soft)).toBe(false);
    expect(await deps.store.isSuppressed(goal.owner)).toBe(true);
    expect(await deps.store.isSuppressed(complainer)).toBe(true);

    const before = (await outboxFor(goal.owner)).length;
    await tickAt(deps, '2026-03-06T14:00:00Z');
    expect(await outboxFor(goal.owner)).toHaveLength(before);
    expect(await deps.mailer.send({ to: complainer, subject: 'x', html: '<p>x</p>', text: 'x' })).toEqual({ messageId: SUPPRESSED_MESSAGE_ID });
    expect(await outboxFor(complainer)).toEqual([]);
  });
});
