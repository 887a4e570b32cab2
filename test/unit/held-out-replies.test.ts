// The reply reader on the held-out set (test/fixtures/mail/held-out, written before the reader was
// reworked; see its README): at least 95 % read right, no machine's mail counted, no number taken from a
// quote or a signature. `kompis parse-reply` prints the same reading.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseReply } from '../../functions/core/replies/parse-reply.js';
import { HELD_OUT_REPLIES, heldOutReplyFiles, scoreReplies } from '../helpers/held-out.js';

describe('the held-out replies', () => {
  it('are at least 150, from people and machines', () => {
    const files = heldOutReplyFiles();
    expect(files.length).toBeGreaterThanOrEqual(150);
    expect(files.filter((f) => f.want.autoReply).length).toBeGreaterThanOrEqual(25);
  });

  it('are read right at least 95 % of the time, with no automatic mail counted and no quoted number taken', async () => {
    const score = await scoreReplies((raw) => parseReply(raw));
    const misses = score.misses.map((m) => `${m.file}: ${m.problems.join('; ')}`).join('\n');
    expect(score.automaticCounted).toEqual([]);
    expect(score.trapsTaken).toEqual([]);
    expect(score.right / score.total, misses).toBeGreaterThanOrEqual(0.95);
  });

  it.each(['iphone-nb-pause-2-uker-ferie.eml', 'gmail-en-2-or-3.eml', 'postfix-nb-user-unknown.eml', 'gmail-nb-ikke-3-bare-2.eml'])(
    'reads %s the same through `kompis parse-reply`, keeping {"count","note","autoReply"}',
    async (file) => {
      const { stdout } = await promisify(execFile)('node', ['bin/kompis.js', 'parse-reply', join(HELD_OUT_REPLIES, file)]);
      const printed = JSON.parse(stdout) as Record<string, unknown>;
      expect(Object.keys(printed).slice(0, 3)).toEqual(['count', 'note', 'autoReply']);
      expect(printed).toEqual(JSON.parse(JSON.stringify(await parseReply(heldOutReplyFiles().find((f) => f.file === file)!.raw))));
    },
  );
});
