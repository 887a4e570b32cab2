// Words that are names on Object.prototype ("constructor", "toString", "__proto__") typed where Kompis looks
// words up in its tables: never a function or an object where a number, a weekday, a channel or a domain goes.
import { describe, expect, it } from 'vitest';
import { parseReply } from '../../functions/core/replies/parse-reply.js';
import { readPlan } from '../../functions/core/replies/plan-line.js';
import { readSplit } from '../../functions/core/replies/channel-split.js';
import { suggestAddress } from '../../functions/core/goals/address-typos.js';
import { gmailReplyNb, rawMail } from '../helpers/mail.js';

const NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'];
const reply = async (text: string) => parseReply(await rawMail({ from: 'rita@example.no', to: 'checkin@in.kompis.example.com', text: gmailReplyNb(text) }));

describe.each(NAMES)('the word %j', (word) => {
  it('is no count in a reply', async () => {
    const { count } = await reply(`I did ${word} meetings`);
    expect(count === null || typeof count === 'number').toBe(true);
    expect((await reply(word)).count).toBeNull();
  });

  it('is no month in "pause until 3 <word>"', async () => {
    const { command } = await reply(`pause until 3 ${word}`);
    const month = (command as { untilMonth?: unknown } | undefined)?.untilMonth;
    expect(month === undefined || typeof month === 'number').toBe(true);
  });

  it('is no channel in a split', () => {
    expect(readSplit(`3 (2 event, 1 ${word})`, 3)).toBeUndefined();
  });

  it('is no weekday in a plan', () => {
    expect(readPlan(`${word} 8 coffee`)).toEqual({ text: `${word} 8 coffee` });
  });

  it('is no provider to suggest', () => {
    expect(suggestAddress(`ola@${word}.com`)).toBeUndefined();
  });
});
