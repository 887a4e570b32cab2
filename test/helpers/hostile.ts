// Shared by the hostile-input suites (test/integration/hostile-*.test.ts): the corpus loader, a full-table
// snapshot for "nothing changed", a mailer that records every send, and a watch on unhandled rejections.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { t, type Locale, type MessageKey } from '../../functions/core/i18n/messages.js';
import type { Deps, Mailer, OutgoingEmail } from '../../functions/core/ports.js';
import { FixedClock, freshTable, testDeps } from './deps.js';

export const HOSTILE_DIR = join(import.meta.dirname, '..', 'fixtures', 'hostile');

export function loadCorpus<T>(file: string): T {
  return JSON.parse(readFileSync(join(HOSTILE_DIR, file), 'utf8')) as T;
}

export function corpusFiles(): string[] {
  return readdirSync(HOSTILE_DIR).filter((name) => name.endsWith('.json'));
}

/** Every item of one table, each as canonical JSON, sorted: two snapshots are equal iff nothing changed. */
export function tableSnapshot(tableName: string): () => Promise<string[]> {
  const client = new DynamoDBClient({
    endpoint: inject('dynamodbEndpoint'),
    region: 'eu-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return async () => {
    const items: string[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: start }));
      for (const item of page.Items ?? []) items.push(canonical(item));
      start = page.LastEvaluatedKey;
    } while (start);
    return items.sort();
  };
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The real mailer, with a list of what went through it: the suite asserts the list stays empty per case. */
export function recordingMailer(inner: Mailer): Mailer & { sent: OutgoingEmail[] } {
  const sent: OutgoingEmail[] = [];
  return {
    sent,
    async send(email) {
      sent.push(email);
      return inner.send(email);
    },
  };
}

/** Collects unhandled rejections from now until stop(); each case asserts the list is still empty. */
export function watchRejections(): { seen: unknown[]; stop: () => void } {
  const seen: unknown[] = [];
  const onRejection = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', onRejection);
  return { seen, stop: () => process.off('unhandledRejection', onRejection) };
}

/** Lets promises a case left behind settle (and reject) before the case's assertions run. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface CaseEffects {
  /** Items added or removed in the table (a changed item shows as both), as canonical JSON. */
  changed: string[];
  /** "to: subject" of every email the case sent. */
  sent: string[];
  rejections: unknown[];
}

/**
 * Watches what one case at a time does: call begin() before it and end() after it. The table is compared
 * with how it was after the previous case, so one failing case does not fail the next as well.
 */
export function effectsWatch(snapshot: () => Promise<string[]>, mailer: { sent: OutgoingEmail[] }, rejections: { seen: unknown[] }) {
  let baseline: string[] = [];
  let rejectionsAt = 0;
  return {
    async reset(): Promise<void> {
      baseline = await snapshot();
    },
    begin(): void {
      mailer.sent.length = 0;
      rejectionsAt = rejections.seen.length;
    },
    async end(): Promise<CaseEffects> {
      await settle();
      const after = await snapshot();
      const before = new Set(baseline);
      const now = new Set(after);
      const changed = [...after.filter((item) => !before.has(item)).map((i) => `+ ${i}`), ...baseline.filter((item) => !now.has(item)).map((i) => `- ${i}`)];
      baseline = after;
      return { changed, sent: mailer.sent.map((e) => `${e.to}: ${e.subject}`), rejections: rejections.seen.slice(rejectionsAt) };
    },
  };
}

/** A string value in the corpus, or a generator for one too big to write down. */
export type Gen = string | { repeat: string; times: number; prefix?: string; suffix?: string };

export function expand(value: Gen): string {
  return typeof value === 'string' ? value : `${value.prefix ?? ''}${value.repeat.repeat(value.times)}${value.suffix ?? ''}`;
}

/** A catalog message as it appears in a page: HTML-escaped the way hono/jsx escapes text. */
export function pageText(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  return escapeHtml(t(locale, key, vars));
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * The field error sits next to its field: the control named `field` is marked aria-invalid, and the first
 * error paragraph after it carries the message.
 */
export function fieldErrorNextTo(html: string, field: string, message: string): string | undefined {
  const control = new RegExp(`<(input|select|textarea)\\b[^>]*\\bname="${field}"[^>]*>`).exec(html);
  if (!control) return `no control named ${field}`;
  if (!/aria-invalid="true"/.test(control[0])) return `${field} is not marked aria-invalid`;
  // Past the control's own content: a textarea's text, a select's options.
  const close = control[1] === 'input' ? -1 : html.indexOf(`</${control[1]}>`, control.index);
  const after = html.slice(close >= 0 ? close : control.index + control[0].length);
  const error = /<p class="error"[^>]*>([^<]*)<\/p>/.exec(after);
  if (!error) return `no error paragraph after ${field}`;
  if (error.index > 3000) return `the error paragraph is far from ${field}`;
  if (error[1] !== message) return `the error after ${field} says ${JSON.stringify(error[1])}, not ${JSON.stringify(message)}`;
  return undefined;
}

/** A table of the suite's own, a clock it sets, and the real deps with a mailer that records every send. */
export async function hostileDeps() {
  const table = await freshTable();
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  const real = testDeps(clock, table) as Deps & { clock: FixedClock };
  const mailer = recordingMailer(real.mailer);
  return { table, clock, deps: { ...real, mailer } };
}
