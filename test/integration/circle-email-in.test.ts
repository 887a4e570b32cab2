// Email in: a member's reply to the circle's weekly email reaches the other members once, by name, its words
// with no live links; never counted as anyone's number; a few a week per member; nobody else can write in.
import { describe, expect, it } from 'vitest';
import type { Goal } from '../../functions/core/goal.js';
import { handleInbound } from '../../functions/core/inbound/inbound.js';
import { LOCAL_VERDICTS } from '../../functions/core/inbound/trust.js';
import { RELAYS_PER_MEMBER_PER_WEEK } from '../../functions/core/circles/relay.js';
import { recordAnswer } from '../../functions/core/weekly/record.js';
import { uniqueEmail } from '../helpers/factories.js';
import { rawMail } from '../helpers/mail.js';
import { outboxFor } from '../helpers/outbox.js';
import { tickAt } from '../helpers/weekly.js';
import { aCircleOfThree } from '../helpers/circle-of-three.js';

/** The address of a Reply-To as the outbox shows it ('"Kompis" <circle+…@…>'). */
const addressOf = (replyTo: string) => /<([^>]+)>/.exec(replyTo)?.[1] ?? replyTo;

async function aCircleAfterWeekOne() {
  const { clock, deps, goals } = await aCircleOfThree();
  // Week n: the check-ins, everyone answers 2, the digest.
  const runWeek = async (n: number) => {
    const checkin = (await deps.store.getGoal(goals[0]!.owner, goals[0]!.id))!.nextCheckinAt!;
    await tickAt(deps, checkin);
    clock.set(new Date(Date.parse(checkin) + 3600_000));
    for (const goal of goals) await recordAnswer(deps, (await deps.store.getGoal(goal.owner, goal.id))!, n, { count: 2, source: 'click' });
    await tickAt(deps, clock.now().toISOString());
  };
  await runWeek(1);
  const digestTo = async (goal: Goal) => (await outboxFor(goal.owner)).find((e) => e.subject.startsWith('Salg'))!;
  let sent = 0;
  const reply = async (from: string, to: string, text: string, messageId = `<r-${++sent}-${crypto.randomUUID()}@mail.example.com>`, headers: Record<string, string> = {}) => {
    const raw = await rawMail({ from, to, text, subject: 'Re: Salg: week 1', headers: { 'Message-ID': messageId, ...headers } });
    return handleInbound(deps, { messageId: crypto.randomUUID(), raw, recipients: [to], verdicts: LOCAL_VERDICTS });
  };
  return { deps, goals, digestTo, reply, runWeek };
}

describe('a reply to the circle email', () => {
  it('goes once to the other members by name, links made plain, and is nobody\'s number', async () => {
    const s = await aCircleAfterWeekOne();
    const [ola, kari, per] = s.goals as [Goal, Goal, Goal];
    const kariDigest = await s.digestTo(kari);
    const address = addressOf(kariDigest.replyTo[0]!);
    expect(address).toMatch(/^circle\+/);
    const messageId = '<great-week@mail.example.com>';
    expect(await s.reply(kari.owner, address, 'Great week everyone — 3 for me! See evil.no/login', messageId)).toEqual([{ recipient: address, outcome: 'relayed' }]);
    await s.reply(kari.owner, address, 'Great week everyone — 3 for me! See evil.no/login', messageId); // delivered again
    for (const other of [ola, per]) {
      const relayed = (await outboxFor(other.owner)).filter((e) => e.subject === 'Kari skrev til sirkelen');
      expect(relayed).toHaveLength(1);
      expect(relayed[0]!.body.text).toContain('Kari skrev: Great week everyone — 3 for me! See evil[.]no/login');
    }
    expect((await outboxFor(kari.owner)).filter((e) => e.subject.includes('wrote to the circle'))).toEqual([]);
    // "3 for me" changed no week of Kari's.
    expect((await s.deps.store.getWeekAnswers(kari.id)).map((a) => a.count)).toEqual([2]);
  });

  it(`relays at most ${RELAYS_PER_MEMBER_PER_WEEK} a circle week per member, and nothing from an address that is not the member's`, async () => {
    const s = await aCircleAfterWeekOne();
    const [ola, kari] = s.goals as [Goal, Goal];
    const address = addressOf((await s.digestTo(kari)).replyTo[0]!);
    const outcomes = [];
    for (let i = 0; i < RELAYS_PER_MEMBER_PER_WEEK + 1; i++) outcomes.push((await s.reply(kari.owner, address, `Message ${i}`))[0]!.outcome);
    expect(outcomes).toEqual([...Array(RELAYS_PER_MEMBER_PER_WEEK).fill('relayed'), 'dropped:rate']);
    expect((await s.reply(uniqueEmail('forwarded'), address, 'Hi from outside'))[0]!.outcome).toBe('dropped:not-member');
    expect((await outboxFor(ola.owner)).filter((e) => e.subject === 'Kari skrev til sirkelen')).toHaveLength(RELAYS_PER_MEMBER_PER_WEEK);
  });

  it('relays no out-of-office answer, and nothing to a forged circle address', async () => {
    const s = await aCircleAfterWeekOne();
    const [ola, kari] = s.goals as [Goal, Goal];
    const address = addressOf((await s.digestTo(kari)).replyTo[0]!);
    const away = await s.reply(kari.owner, address, 'I am away until Monday', undefined, { 'Auto-Submitted': 'auto-replied' });
    expect(away[0]!.outcome).toBe('dropped:auto-reply');
    const forged = address.replace(/\.([a-z2-7]{16})@/, (_, mac: string) => `.${mac.startsWith('a') ? 'b' : 'a'}${mac.slice(1)}@`);
    expect((await s.reply(kari.owner, forged, 'Hello'))[0]!.outcome).toBe('dropped:bad-token');
    expect((await outboxFor(ola.owner)).filter((e) => e.subject === 'Kari skrev til sirkelen')).toEqual([]);
  });

  it(`allows ${RELAYS_PER_MEMBER_PER_WEEK} a circle week in all, however many old digests are replied to (attack r3 F6)`, async () => {
    const s = await aCircleAfterWeekOne();
    const [ola, kari] = s.goals as [Goal, Goal];
    await s.runWeek(2);
    const digests = (await outboxFor(kari.owner)).filter((e) => e.subject.startsWith('Salg'));
    const [week1, week2] = digests.map((e) => addressOf(e.replyTo[0]!));
    expect(week1).not.toBe(week2);
    const outcomes = [];
    for (const address of [week1!, week2!]) for (let i = 0; i < RELAYS_PER_MEMBER_PER_WEEK; i++) outcomes.push((await s.reply(kari.owner, address, `Message ${i}`))[0]!.outcome);
    expect(outcomes.filter((o) => o === 'relayed')).toHaveLength(RELAYS_PER_MEMBER_PER_WEEK);
    expect((await outboxFor(ola.owner)).filter((e) => e.subject === 'Kari skrev til sirkelen')).toHaveLength(RELAYS_PER_MEMBER_PER_WEEK);
  });

  it('relays the words without the quote header above the quoted digest (attack r3 F4)', async () => {
    const s = await aCircleAfterWeekOne();
    const [ola, kari] = s.goals as [Goal, Goal];
    const address = addressOf((await s.digestTo(kari)).replyTo[0]!);
    const text = 'Great week everyone — 3 for me.\n\nOn Sun, Kompis wrote:\n> Salg: week 1\n> Everyone’s week';
    expect((await s.reply(kari.owner, address, text))[0]!.outcome).toBe('relayed');
    const relayed = (await outboxFor(ola.owner)).find((e) => e.subject === 'Kari skrev til sirkelen')!;
    expect(relayed.body.text).toContain('Kari skrev: Great week everyone — 3 for me.');
    expect(relayed.body.text).not.toContain('wrote:');
  });

  it('takes a reply to a relayed message to the circle, under the same allowance (attack r3 F3)', async () => {
    const s = await aCircleAfterWeekOne();
    const [ola, kari, per] = s.goals as [Goal, Goal, Goal];
    await s.reply(kari.owner, addressOf((await s.digestTo(kari)).replyTo[0]!), 'Great week everyone');
    const relayed = (await outboxFor(ola.owner)).find((e) => e.subject === 'Kari skrev til sirkelen')!;
    const address = addressOf(relayed.replyTo[0]!);
    expect(address).toMatch(/^circle\+/);
    expect((await s.reply(ola.owner, address, 'Takk Kari! 5 for meg denne uka'))[0]!.outcome).toBe('relayed');
    expect((await outboxFor(per.owner)).filter((e) => e.subject === 'Ola skrev til sirkelen')).toHaveLength(1);
    expect((await outboxFor(ola.owner)).filter((e) => e.subject.startsWith('Re:'))).toEqual([]);
    expect((await s.deps.store.getWeekAnswers(ola.id)).map((a) => a.count)).toEqual([2]);
  });
});
