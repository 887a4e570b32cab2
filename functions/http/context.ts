// What every route needs from a request: the CSP nonce, the visitor's language, an error page.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isLocale, localeFromAcceptLanguage, type Locale } from '../core/i18n/messages.js';

export type Env = { Variables: { secureHeadersNonce?: string } };

export const nonce = (c: Context): string => (c.var as Env['Variables']).secureHeadersNonce ?? '';

/** ?lang=nb|en, else Accept-Language. */
export function requestLocale(c: Context): Locale {
  const lang = c.req.query('lang');
  return isLocale(lang) ? lang : localeFromAcceptLanguage(c.req.header('accept-language'));
}

/** The string values of a parsed form, for showing back what the person typed. */
export function stringValues(data: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (data && typeof data === 'object') {
    for (const [name, value] of Object.entries(data)) if (typeof value === 'string') values[name] = value;
  }
  return values;
}

/**
 * The client's address for rate limits. Behind API Gateway the last X-Forwarded-For entry is the one
 * the gateway added (earlier ones are whatever the client sent); locally there is none.
 */
export function clientIp(c: Context): string {
  const forwarded = c.req.header('x-forwarded-for');
  return forwarded?.split(',').at(-1)?.trim() || 'local';
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
