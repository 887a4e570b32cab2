// The goal reader and the reply parser: items per second over a mix of real phrasings and fixtures.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeGoal } from '../../functions/core/analysis/analyze.js';
import { parseMime, parseReplyText } from '../../functions/core/replies/parse-reply.js';

export async function benchReaders(seconds = 2) {
  const goals = (JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/goals/phrasings.json'), 'utf8')) as { text: string }[]).map((c) => c.text);
  const start = new Date('2026-01-02T09:00:00Z');
  for (const text of goals) analyzeGoal(text, { start }); // warm up
  let analyzed = 0;
  let began = performance.now();
  while (performance.now() - began < seconds * 1000) analyzeGoal(goals[analyzed++ % goals.length]!, { start });
  const goalsPerSecond = analyzed / ((performance.now() - began) / 1000);

  // Replies from raw MIME, as the inbound handler reads them: mailparser plus our reading.
  const dir = join(process.cwd(), 'test/fixtures/mail/replies');
  const raws = readdirSync(dir).filter((f) => f.endsWith('.eml')).map((f) => readFileSync(join(dir, f)));
  let parsed = 0;
  began = performance.now();
  while (performance.now() - began < seconds * 1000) {
    parseReplyText(await parseMime(raws[parsed++ % raws.length]!));
  }
  const repliesPerSecond = parsed / ((performance.now() - began) / 1000);

  // The two halves apart: mailparser's MIME decoding, and our reading of the decoded mail.
  const mails = await Promise.all(raws.map((raw) => parseMime(raw)));
  let read = 0;
  began = performance.now();
  while (performance.now() - began < seconds * 1000) parseReplyText(mails[read++ % mails.length]!);
  const readingPerSecond = read / ((performance.now() - began) / 1000);
  let decoded = 0;
  began = performance.now();
  while (performance.now() - began < seconds * 1000) await parseMime(raws[decoded++ % raws.length]!);
  const mimePerSecond = decoded / ((performance.now() - began) / 1000);
  return { goalsPerSecond, repliesPerSecond, readingPerSecond, mimePerSecond };
}
