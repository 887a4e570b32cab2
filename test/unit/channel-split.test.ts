// "3 (2 event, 1 referral)": the parts by channel, read only when they add up to the count the reader found.
import { describe, expect, it } from 'vitest';
import { readSplit } from '../../functions/core/replies/channel-split.js';
import { parseReply } from '../../functions/core/replies/parse-reply.js';
import { gmailReplyNb, rawMail } from '../helpers/mail.js';

describe('a split by channel', () => {
  it.each([
    ['3 (2 event, 1 referral)', 3, { event: 2, referral: 1 }],
    ['2 på arrangement, 1 via LinkedIn', 3, { event: 2, linkedin: 1 }],
    ['two at the meetup and one via LinkedIn', 3, { event: 2, linkedin: 1 }],
    ['4: 3 kundemøter og 1 anbefaling', 4, { 'customer-meeting': 3, referral: 1 }],
  ] as const)('reads %j', (text, count, split) => {
    expect(readSplit(text, count)).toEqual(split);
  });

  it.each([
    ['3', 3],
    ['2 events', 3], // the parts do not add up to the count
    ['3, met 2 people at lunch', 3],
  ] as const)('finds none in %j', (text, count) => {
    expect(readSplit(text, count)).toBeUndefined();
  });

  it('leaves the count as the reader found it', async () => {
    for (const text of ['3 (2 event, 1 referral)', '2 på arrangement, 1 via LinkedIn']) {
      const reply = await parseReply(await rawMail({ from: 'rita@example.no', to: 'checkin@in.kompis.example.com', text: gmailReplyNb(text) }));
      expect(reply.count).toBe(3);
      expect(reply.split).toBeDefined();
    }
  });
});
