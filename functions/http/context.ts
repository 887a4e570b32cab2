// What every route needs from a request: the CSP nonce, the visitor's language, an error page.
import { isIPv4, isIPv6 } from 'node:net';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { sourceIpOf, type ConnectionBindings } from '../adapters/aws-events.js';
import { isLocale, localeFromAcceptLanguage, type Locale } from '../core/i18n/messages.js';

export type Env = { Variables: { secureHeadersNonce?: string; pageLocale?: Locale } };

export const nonce = (c: Context): string => (c.var as Env['Variables']).secureHeadersNonce ?? '';

/** ?lang=<one of the languages>, else Accept-Language. */
export function requestLocale(c: Context): Locale {
  const lang = c.req.query('lang');
  return isLocale(lang) ? lang : localeFromAcceptLanguage(c.req.header('accept-language'));
}

/** A route that knows whose link it is sets their goal's language: its refusal pages then speak it too. */
export function setPageLocale(c: Context, locale: Locale): void {
  (c as Context<Env>).set('pageLocale', locale);
}

/** The language of an error page: the goal's when the route knew it, else the request's. */
export const pageLocale = (c: Context): Locale => (c.var as Env['Variables']).pageLocale ?? requestLocale(c);

/** The string values of a parsed form, for showing back what the person typed. */
export function stringValues(data: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (data && typeof data === 'object') {
    for (const [name, value] of Object.entries(data)) if (typeof value === 'string') values[name] = value;
  }
  return values;
}

/**
 * The client's address for rate limits: API Gateway's own record of it in AWS, the socket's peer locally —
 * never a header, which the client writes. An IPv6 client counts by its /64, which one subscriber holds.
 */
export function clientIp(c: Context): string {
  const address = sourceIpOf(c.env as ConnectionBindings | undefined);
  return address ? limitKey(address) : 'unknown';
}

/** One rate-limit key per IPv4 address or IPv6 /64; anything else is "unknown". */
export function limitKey(address: string): string {
  const plain = address.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(plain)?.[1];
  if (mapped || isIPv4(plain)) return mapped ?? plain;
  if (!isIPv6(plain)) return 'unknown';
  const [head = '', tail] = plain.split('::');
  const start = head ? head.split(':') : [];
  const end = tail ? tail.split(':') : [];
  const groups = [...start, ...Array<string>(Math.max(0, 8 - start.length - end.length)).fill('0'), ...end];
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

export type FormFields = Record<string, string | File | (string | File)[]>;

/**
 * The body's form fields (repeated fields as arrays with `all`). A body that cannot be read as a form (a
 * multipart body without its boundary, cut off, …) is the sender's mistake: a 400 page, not a 5xx.
 */
export async function formFields(c: Context, options: { all?: boolean } = {}): Promise<FormFields> {
  try {
    return (await c.req.parseBody({ all: options.all ?? false })) as FormFields;
  } catch (error) {
    throw new HTTPException(400, { message: 'unreadable form body', cause: error });
  }
}
