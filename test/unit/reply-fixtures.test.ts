// Every realistic reply in test/fixtures/mail/replies against its expected reading (see the README there).
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseReply } from '../../functions/core/replies/parse-reply.js';

const dir = join(process.cwd(), 'test/fixtures/mail/replies');
interface Expected {
  count: number | null;
  autoReply: boolean;
  noteIncludes?: string[];
  noteExcludes?: string[];
  /** When given: the candidates Kompis asks about, and the command the reply gives (as in held-out/README.md). */
  ask?: number[];
  command?: Record<string, unknown>;
  why?: string;
}
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, Expected>;
const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));

describe('reading replies from real-shaped mail', () => {
  it('has an expectation for every fixture, and at least 40 of them', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
    expect(files.filter((f) => !expected[f])).toEqual([]);
  });

  it.each(files)('%s', async (file) => {
    const want = expected[file]!;
    const got = await parseReply(readFileSync(join(dir, file)));
    expect({ count: got.count, autoReply: got.autoReply }, want.why).toEqual({ count: want.count, autoReply: want.autoReply });
    if ('ask' in want) expect(got.ask, want.why).toEqual(want.ask);
    if ('command' in want) expect(got.command, want.why).toEqual(want.command);
    for (const part of want.noteIncludes ?? []) expect(got.note, `note should contain ${part}`).toContain(part);
    for (const part of want.noteExcludes ?? []) expect(got.note, `note should not contain ${part}`).not.toContain(part);
  });

  it('gives the same reading from `kompis parse-reply`, as one JSON object', async () => {
    const file = files.find((f) => expected[f]!.count !== null)!;
    const { stdout } = await promisify(execFile)('node', ['bin/kompis.js', 'parse-reply', join(dir, file)]);
    const printed = JSON.parse(stdout);
    expect(Object.keys(printed).sort()).toEqual(['autoReply', 'count', 'note']);
    expect(printed).toEqual(await parseReply(readFileSync(join(dir, file))));
  });

  it('reads a reply with the goal\'s words when `kompis parse-reply` is given --goal, as the inbound handler does', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kompis-parse-')), 'km.eml');
    writeFileSync(file, 'From: a@example.com\r\nSubject: Re: Uke 1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nLøp 25 km\r\n');
    const run = async (...extra: string[]) => JSON.parse((await promisify(execFile)('node', ['bin/kompis.js', 'parse-reply', file, ...extra])).stdout);
    expect((await run()).count).toBeNull();
    expect((await run('--goal', 'Løpe 20 km hver uke i 8 uker')).count).toBe(25);
  });

  it('says in one line, not with a stack trace, when `kompis parse-reply` is given mail the inbound handler drops as malformed', async () => {
    const parts = Array.from({ length: 1000 }, (_, i) => `--b\r\nContent-Type: text/plain\r\n\r\n${i}\r\n`).join('');
    const file = join(mkdtempSync(join(tmpdir(), 'kompis-parse-')), 'many-parts.eml');
    writeFileSync(file, `From: a@example.com\r\nSubject: Re: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n${parts}--b--\r\n`);
    const failure = await promisify(execFile)('node', ['bin/kompis.js', 'parse-reply', file]).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    const { stderr } = failure as { stderr: string };
    expect(stderr).toContain('could not be read as a message');
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});
