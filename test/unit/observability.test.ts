import { afterEach, describe, expect, it, vi } from 'vitest';
import { metricsPort, observability } from '../../functions/observability.js';

afterEach(() => vi.restoreAllMocks());

function captureOutput(): string[] {
  const lines: string[] = [];
  const capture = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  // Powertools writes INFO to stdout and WARN/ERROR to stderr, through a console of its own.
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation(((chunk: string) => (capture(chunk), true)) as typeof stream.write);
  }
  return lines;
}

describe('Lambda metrics', () => {
  it('write a reached ceiling at once as a CloudWatch metric (EMF) with its dimensions', () => {
    const lines = captureOutput();
    const { metrics } = observability('http');
    metricsPort(metrics).count('CeilingReached', { kind: 'invitation', scope: 'service' });
    const record = JSON.parse(lines.find((l) => l.includes('CeilingReached'))!);
    expect(record).toMatchObject({ CeilingReached: 1, kind: 'invitation', scope: 'service', service: 'http' });
    expect(record._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'Kompis', Metrics: [{ Name: 'CeilingReached', Unit: 'Count' }] });
  });
});

describe('Lambda logs', () => {
  it('turn the core’s log entries into one structured JSON line each, at their level', () => {
    const lines = captureOutput();
    const { log } = observability('send');
    log({ level: 'warn', msg: 'send failed, will retry', messageId: 'm-1' });
    const entry = JSON.parse(lines.find((l) => l.includes('send failed'))!);
    expect(entry).toMatchObject({ level: 'WARN', message: 'send failed, will retry', service: 'send', messageId: 'm-1' });
  });
});
