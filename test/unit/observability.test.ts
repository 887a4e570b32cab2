import { afterEach, describe, expect, it, vi } from 'vitest';
import { observability } from '../../functions/observability.js';

afterEach(() => vi.restoreAllMocks());

describe('Lambda logs', () => {
  it('turn the core’s log entries into one structured JSON line each, at their level', () => {
    const lines: string[] = [];
    const capture = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
    // Powertools writes INFO to stdout and WARN/ERROR to stderr, through a console of its own.
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, 'write').mockImplementation(((chunk: string) => (capture(chunk), true)) as typeof stream.write);
    }
    const { log } = observability('send');
    log({ level: 'warn', msg: 'send failed, will retry', messageId: 'm-1' });
    const entry = JSON.parse(lines.find((l) => l.includes('send failed'))!);
    expect(entry).toMatchObject({ level: 'WARN', message: 'send failed, will retry', service: 'send', messageId: 'm-1' });
  });
});
