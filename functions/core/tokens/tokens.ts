// Signed, expiring links: HMAC-SHA256 over a compact payload naming exactly one action.
// Trust comes from the signature alone — never from a database lookup.
import { createHmac, timingSafeEqual } from 'node:crypto';
// zod/mini: the tick and feedback functions load this module too, and want a small bundle.
import * as z from 'zod/mini';
import { InvalidToken, TokenExpired } from '../errors.js';

export const TOKEN_VERSION = 1;

/** confirm: activate a pending goal · goal: the goal page and its actions · record: one check-in answer
 *  (week + value) · week: a week's page (change the answer, add a note) · unsubscribe: stop a goal's check-ins
 *  · invite: a buddy's accept/decline · react: a buddy's cheer or nudge (week + kind) · buddy-leave: a buddy
 *  leaves one goal · buddy: the buddy's page of goals they follow. */
export const tokenPurposes = ['confirm', 'goal', 'record', 'week', 'unsubscribe', 'invite', 'react', 'buddy-leave', 'buddy', 'never'] as const;
export type TokenPurpose = (typeof tokenPurposes)[number];

export interface SigningKey {
  id: string;
  secret: string;
}

/** The first key signs; every key verifies, so a rotated-out key keeps old links working until they expire. */
export interface SigningKeys {
  current: SigningKey;
  all: ReadonlyMap<string, string>;
}

export interface TokenClaims {
  purpose: TokenPurpose;
  /** Subject ids, e.g. [ownerEmail, goalId]. */
  subject: string[];
  /** Expiry, epoch seconds. */
  expiresAt: number;
  week?: number;
  value?: number;
  /** When the email carrying the link was sent, epoch seconds (the one-click page's scanner guard). */
  issuedAt?: number;
}

const smallCount = z.int().check(z.minimum(0), z.maximum(1000));
const payloadSchema = z.strictObject({
  v: z.literal(TOKEN_VERSION),
  k: z.string().check(z.minLength(1), z.maxLength(8)),
  p: z.enum(tokenPurposes),
  s: z.array(z.string().check(z.maxLength(320))).check(z.maxLength(4)),
  e: z.int().check(z.positive()),
  w: z.optional(smallCount),
  x: z.optional(smallCount),
  i: z.optional(z.int().check(z.positive())),
});

// Optional claims and their one-letter payload names.
const optionalClaims = [
  ['week', 'w'],
  ['value', 'x'],
  ['issuedAt', 'i'],
] as const;

/** Parses `id:secret,id:secret` (first one signs) or a bare secret (key id `k1`). */
export function parseSigningKeys(raw: string): SigningKeys {
  const entries = raw.includes(':')
    ? raw.split(',').map((pair) => {
        const at = pair.indexOf(':');
        return { id: pair.slice(0, at).trim(), secret: pair.slice(at + 1).trim() };
      })
    : [{ id: 'k1', secret: raw.trim() }];
  for (const { id, secret } of entries) {
    // Short and lower-case: key ids also travel inside email addresses (≤ 64 characters, case-folded).
    if (!/^[a-z0-9]{1,8}$/.test(id)) throw new Error(`signing key id "${id}" must be 1-8 lower-case letters or digits`);
    if (secret.length < 32) throw new Error(`signing key "${id}" must be at least 32 characters`);
  }
  const [current] = entries;
  if (!current) throw new Error('no signing key');
  return { current, all: new Map(entries.map((e) => [e.id, e.secret])) };
}

function mac(secret: string, data: string): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

export function signToken(keys: SigningKeys, claims: TokenClaims): string {
  const payload = {
    v: TOKEN_VERSION,
    k: keys.current.id,
    p: claims.purpose,
    s: claims.subject,
    e: claims.expiresAt,
    ...Object.fromEntries(optionalClaims.filter(([long]) => claims[long] !== undefined).map(([long, short]) => [short, claims[long]])),
  };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(keys.current.secret, body).toString('base64url')}`;
}

/**
 * Returns the claims of a token made for `purpose`, or throws InvalidToken (tampered, truncated,
 * unknown key, other purpose) or TokenExpired. The signature is checked before anything is parsed.
 */
export function verifyToken(keys: SigningKeys, token: string, purpose: TokenPurpose, now: Date): TokenClaims {
  if (token.length > 2048) throw new InvalidToken('token too long');
  const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) throw new InvalidToken('malformed token');
  const [, body = '', signature = ''] = match;

  let keyId: unknown;
  try {
    keyId = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))?.k;
  } catch {
    throw new InvalidToken('unreadable payload');
  }
  const secret = typeof keyId === 'string' ? keys.all.get(keyId) : undefined;
  if (!secret) throw new InvalidToken('unknown key id');
  // Compare the canonical text, not decoded bytes: base64url's spare bits would let two spellings pass.
  const expected = Buffer.from(mac(secret, body).toString('base64url'));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidToken('bad signature');

  const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  if (!parsed.success) throw new InvalidToken('unexpected payload');
  const p = parsed.data;
  if (p.p !== purpose) throw new InvalidToken('wrong purpose');
  if (p.e * 1000 <= now.getTime()) throw new TokenExpired();
  return {
    purpose: p.p,
    subject: p.s,
    expiresAt: p.e,
    ...Object.fromEntries(optionalClaims.filter(([, short]) => p[short] !== undefined).map(([long, short]) => [long, p[short]])),
  };
}
