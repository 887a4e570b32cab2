// Loads an event from test/fixtures/events and fills its {{placeholders}} (conventions in its README).
import { readFileSync } from 'node:fs';

export type EventVars = Record<string, unknown>;

export function eventFixture(name: string, vars: EventVars): unknown {
  const raw = JSON.parse(readFileSync(new URL(`../fixtures/events/${name}.json`, import.meta.url), 'utf8')) as unknown;
  const value = (key: string) => {
    if (!(key in vars)) throw new Error(`event ${name}: no value for {{${key}}}`);
    return vars[key];
  };
  const fill = (node: unknown): unknown => {
    if (typeof node === 'string') {
      const whole = /^\{\{(\w+)\}\}$/.exec(node);
      if (whole) return value(whole[1]!);
      return node.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(value(key)));
    }
    if (Array.isArray(node)) return node.map(fill);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v)]));
    return node;
  };
  return fill(raw);
}
