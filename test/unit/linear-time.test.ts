// Every reader of mail and goals takes time in proportion to its input, whatever the input: 64 KB worst cases
// (long runs of letters, digits, "a." / "1/" / "a-" repeats, spaces, quote lines, quote headers) and a 1 MB
// line each return within 100 ms, and so does random input of that kind (issue 13). Each case is timed as
// the best of five runs, so a busy machine's pauses (four engineers share two cores) do not decide it; a
// quadratic reader took seconds.
import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { analyzeGoal } from '../../functions/core/analysis/analyze.js';
import { coach } from '../../functions/core/analysis/coaching.js';
import { readGoal } from '../../functions/core/analysis/goal-reader.js';
import { emailGoal } from '../../functions/core/inbound/email-signup.js';
import { isAutoReply } from '../../functions/core/replies/auto-reply.js';
import { readCommand } from '../../functions/core/replies/commands.js';
import { readAnswer } from '../../functions/core/replies/count.js';
import { readDeliveryStatus } from '../../functions/core/replies/delivery-report.js';
import { readNewText } from '../../functions/core/replies/new-text.js';
import { parseReply } from '../../functions/core/replies/parse-reply.js';

const BOUND_MS = 100;
const K64 = 64 * 1024;
const MB = 1024 * 1024;

const WORST: [string, string][] = [
  ['letters', 'a'.repeat(K64)],
  ['digits', '9'.repeat(K64)],
  ['"a." repeats', 'a.'.repeat(K64 / 2)],
  ['"1/" repeats', '1/'.repeat(K64 / 2)],
  ['"a-" repeats', 'a-'.repeat(K64 / 2)],
  ['"1." repeats', '1.'.repeat(K64 / 2)],
  ['"1 " repeats', '1 '.repeat(K64 / 2)],
  ['spaces between words', `1${' '.repeat(K64)}x`],
  ['line breaks', `2${'\n'.repeat(K64)}`],
  ['quote lines', '> 1\n'.repeat(K64 / 4)],
  ['attribution starts', 'On 6 Mar 2026 '.repeat(K64 / 14)],
  ['header keys', 'From: x\nSent: y\n'.repeat(K64 / 16)],
  ['"wrote:" without a date', 'skrev wrote: '.repeat(K64 / 13)],
  ['addresses', 'a@'.repeat(K64 / 2)],
  ['a 1 MB line', 'a'.repeat(MB)],
  ['a 1 MB line of digits and slashes', '12/'.repeat(MB / 3)],
];

const READERS: [string, (text: string) => unknown][] = [
  ['the new-text reader', (text) => readNewText(text)],
  ['the count reader', (text) => readAnswer(text)],
  ['the command reader', (text) => readCommand(text)],
  ['the goal reader', (text) => readGoal(text)],
  ['the goal analysis', (text) => analyzeGoal(text, { start: new Date('2026-01-05T09:00:00Z') })],
  ['the sign-up coaching', (text) => coach(text, { start: new Date('2026-01-05T09:00:00Z') })],
  ['the goal from an email', (text) => emailGoal(text, text, new Date('2026-01-05T09:00:00Z'))],
  ['the auto-reply shapes', (text) => isAutoReply(() => undefined, text, text)],
  ['the delivery report reader', (text) => readDeliveryStatus(text)],
];

const RUNS = 5;

function bestOf(run: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

async function bestOfAsync(run: () => Promise<unknown>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

describe.each(READERS)('%s', (_, read) => {
  it.each(WORST)('returns within 100 ms on %s', (_, text) => {
    expect(bestOf(() => read(text))).toBeLessThan(BOUND_MS);
  });
});

const message = (body: string, contentType = 'text/plain; charset=utf-8') =>
  Buffer.from(`From: ola@example.no\r\nTo: checkin+x@in.kompis.example.com\r\nSubject: Re: Uke 7\r\nContent-Type: ${contentType}\r\n\r\n${body}\r\n`);

describe('a whole reply, from raw MIME', () => {
  it.each(WORST)('is read within 100 ms with a body of %s', async (_, body) => {
    const raw = message(body);
    expect(await bestOfAsync(() => parseReply(raw))).toBeLessThan(BOUND_MS);
  });

  it('is read within 100 ms when the answer is in 64 KB of HTML behind a placeholder', async () => {
    const html = `<div>2</div>${'<blockquote><div>1 / a. - </div></blockquote>'.repeat(K64 / 48)}`;
    const raw = Buffer.from(
      'From: ola@example.no\r\nTo: x@in.kompis.example.com\r\nSubject: Re: x\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n' +
        `--b\r\nContent-Type: text/plain\r\n\r\nThis message is in HTML format.\r\n--b\r\nContent-Type: text/html\r\n\r\n${html}\r\n--b--\r\n`,
    );
    expect(await bestOfAsync(() => parseReply(raw))).toBeLessThan(BOUND_MS);
  });

  it('reads 2 MB of HTML-only mail for about what splitting its MIME costs: only the start is turned into text', async () => {
    const large = message(`<p>Two this week</p>${'<p>a</p>\r\n'.repeat((2 * 1024 * 1024) / 10)}`, 'text/html; charset=utf-8');
    expect((await parseReply(large)).count).toBe(2);
    // Compared within one run with mailparser alone, told to turn no HTML into text, so a busy machine slows
    // both alike. Turning all of it into text took 10–15× that.
    const mimeOnly = await bestOfAsync(() => simpleParser(large, { skipHtmlToText: true, skipTextToHtml: true }));
    expect(await bestOfAsync(() => parseReply(large))).toBeLessThan(3 * mimeOnly + 50);
  });
});

// Chunks that once made a reader backtrack, repeated and mixed at random, up to 64 KB.
const risky = fc.constantFrom('a', '9', 'a.', '1/', 'a-', '1.', ' ', '\n', '> ', '@', 'On ', 'wrote:', 'skrev ', 'Fra: ', 'uke 7: ', '2 ', 'ikke ', '—', ':', '+', '12:30', 'kl ');
const text = fc.array(fc.tuple(risky, fc.integer({ min: 1, max: 4096 })), { minLength: 1, maxLength: 32 }).map((parts) => parts.map(([chunk, times]) => chunk.repeat(times)).join('').slice(0, K64));

describe('every reader, on random text of the shapes that once backtracked', () => {
  it('returns within 100 ms', () => {
    fc.assert(
      fc.property(text, (input) => {
        for (const [name, read] of READERS) expect(bestOf(() => read(input)), name).toBeLessThan(BOUND_MS);
      }),
      { numRuns: 25 },
    );
  });
});
