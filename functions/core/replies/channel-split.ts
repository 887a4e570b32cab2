// What is working, by reply: "3 (2 event, 1 referral)", "2 på arrangement, 1 via LinkedIn". Read only once the
// week's count is known (count.ts decides it, this never changes it), and kept only when the parts add up to
// that count: each part is a number followed, within a few words, by a channel word.
import type { Channel } from '../answers.js';
import { NUMBER_WORDS } from './number-words.js';
import { tokenize } from './tokens.js';
import { wordTable } from './word-table.js';

export type ChannelSplit = Partial<Record<Channel, number>>;

const CHANNEL_WORDS = wordTable<Channel>();
for (const [channel, words] of [
  ['event', ['event', 'events', 'arrangement', 'arrangementet', 'arrangementer', 'meetup', 'meetups', 'konferanse', 'konferansen', 'conference', 'seminar', 'seminaret', 'mingling', 'frokostmøte']],
  ['linkedin', ['linkedin']],
  ['referral', ['referral', 'referrals', 'anbefaling', 'anbefalinger', 'intro', 'intros', 'introduction', 'introductions', 'introduksjon', 'introduksjoner', 'henvisning']],
  ['customer-meeting', ['kundemøte', 'kundemøter', 'kundemøtet', 'customer']],
] as const) for (const word of words) CHANNEL_WORDS[word] = channel;

/** Words that may stand between a part's number and its channel: "2 på arrangement", "1 via LinkedIn", "2 from the event". */
const BETWEEN = new Set(['på', 'via', 'fra', 'gjennom', 'through', 'from', 'at', 'on', 'by', 'the', 'a', 'an', 'et', 'en', 'i', 'in', 'x']);
const MAX_SPLIT_CHARS = 400;

export function readSplit(text: string, count: number): ChannelSplit | undefined {
  const tokens = tokenize(text.slice(0, MAX_SPLIT_CHARS)).filter((t) => t.kind === 'word' || t.kind === 'num');
  const split: ChannelSplit = {};
  let sum = 0;
  tokens.forEach((token, i) => {
    const n = token.kind === 'num' && /^\d{1,4}$/.test(token.text) ? Number(token.text) : NUMBER_WORDS[token.lower];
    if (n === undefined || n <= 0) return;
    for (let k = i + 1; k < Math.min(tokens.length, i + 4); k++) {
      const word = tokens[k]!.lower;
      const channel = CHANNEL_WORDS[word];
      if (channel) {
        split[channel] = (split[channel] ?? 0) + n;
        sum += n;
        return;
      }
      if (!BETWEEN.has(word)) return;
    }
  });
  return sum === count && Object.keys(split).length > 0 ? split : undefined;
}
