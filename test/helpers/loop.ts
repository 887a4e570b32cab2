// A goal in the weekly loop for the issue-19 tests: a table of its own, Friday 15:00 Oslo check-ins from
// 6 March 2026, replies from the owner over the inbound path, and the owner's outbox.
import { checkinReplyAddress } from '../../functions/core/links/links.js';
import { handleInbound } from '../../functions/core/inbound/inbound.js';
import { LOCAL_VERDICTS } from '../../functions/core/inbound/trust.js';
import type { Deps } from '../../functions/core/ports.js';
import { recordAnswer } from '../../functions/core/weekly/record.js';
import { createApp } from '../../functions/http/app.js';
import { FixedClock, freshTable, TEST_BASE_URL, testDeps } from './deps.js';
import { anActiveGoal } from './goals.js';
import { rawMail } from './mail.js';
import { linksIn, outboxFor } from './outbox.js';

export const WEEK = (n: number) => new Date(Date.parse('2026-03-06T14:00:00Z') + (n - 1) * 7 * 86400_000).toISOString();
export const plus = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3600_000).toISOString();

export async function loopSetup(fields: Record<string, string> = {}) {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  const deps = testDeps(clock, await freshTable()) as Deps & { clock: FixedClock };
  const goal = await anActiveGoal(deps, { locale: 'en', weeks: '3', perWeek: '2', ...fields });
  const app = createApp(deps);
  const current = async () => (await deps.store.getGoal(goal.owner, goal.id))!;
  const post = (path: string, body = '') =>
    app.request(path, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_BASE_URL } });
  const answer = async (week: number, count: number) => recordAnswer(deps, await current(), week, { count, source: 'click' });
  const reply = async (week: number, text: string) => {
    const to = checkinReplyAddress(deps.config, goal, week);
    const raw = await rawMail({ from: goal.owner, to, text, subject: `Re: Week ${week}: how many this week?` });
    await handleInbound(deps, { messageId: crypto.randomUUID(), raw, recipients: [to], verdicts: LOCAL_VERDICTS });
  };
  const mail = async () => outboxFor(goal.owner);
  /** The named buddy says yes on their invitation page. */
  const buddyAccepts = async (buddy: string) => {
    const [invitation] = await outboxFor(buddy);
    await post(`${new URL(linksIn(invitation!, '/i/')[0]!).pathname}/accept`);
  };
  return { clock, deps, goal, app, current, post, answer, reply, mail, buddyAccepts };
}
