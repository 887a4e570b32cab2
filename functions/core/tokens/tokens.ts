// Signed, expiring links: HMAC-SHA256 over a compact payload naming exactly one action. The payload is
// encrypted as well (AES-256-CTR, encrypt-then-MAC), so a forwarded or logged link shows no address.
// Trust comes from the signature alone — never from a database lookup.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
// zod/mini: the tick and feedback functions load this module too, and want a small bundle.
import * as z from 'zod/mini';
import { InvalidToken, TokenExpired } from '../errors.js';

export const TOKEN_VERSION = 2;

/** confirm: activate a pending goal · goal: the goal page and its everyday actions · record: one check-in
 *  answer (week + value) · week: a week's page (change the answer, add a note) · unsubscribe: stop a goal's
 *  check-ins · invite: a buddy's accept/decline · react: a buddy's cheer or nudge (week + kind) · buddy-leave:
 *  a buddy leaves one goal · buddy: the buddy's page of goals they follow · never: stop all mail to one
 *  address · remember: the remembered-browser cookie · export, erase, buddy-change: the owner's step-up
 *  links, emailed on request and good for 30 minutes · forget: the same for a buddy erasing themselves ·
 *  me: the list of every goal an address owns or follows, emailed on request (an hour). */
export const tokenPurposes = [
  'confirm',
  'goal',
  'record',
  'week',
  'unsubscribe',
  'invite',
  'react',
  'buddy-leave',
  'buddy',
  'never',
  'remember',
  'export',
  'erase',
  'buddy-change',
  'forget',
  'me',
  // Circles (issue 20): circles/circle-links.ts says what each names.
  'circle',
  'circle-invite',
  'circle-join',
  'circle-change',
  'circle-cheer',
  'circle-quiet',
] as const;
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
  /** The owner's link generation when the link was made: "sign out every link" raises it. */
  generation?: number;
}

const smallCount = z.int().check(z.minimum(0), z.maximum(1000));
const payloadSchema = z.strictObject({
  v: z.literal(TOKEN_VERSION),
  p: z.enum(tokenPurposes),
  s: z.array(z.string().check(z.maxLength(320))).check(z.maxLength(4)),
  e: z.int().check(z.positive()),
  w: z.optional(smallCount),
  x: z.optional(smallCount),
  g: z.optional(z.int().check(z.minimum(0), z.maximum(1_000_000))),
});
export type TokenPayload = z.infer<typeof payloadSchema>;

// Optional claims and their one-letter payload names.
const optionalClaims = [
  ['week', 'w'],
  ['value', 'x'],
  ['generation', 'g'],
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

// The encryption key is derived from the signing secret (HKDF), so rotation needs nothing new.
const encryptionKeys = new Map<string, Buffer>();
function encryptionKey(secret: string): Buffer {
  let key = encryptionKeys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, '', 'kompis link payload', 32));
    encryptionKeys.set(secret, key);
  }
  return key;
}

const IV_BYTES = 16;

/**
 * The body of a token: [key id length][key id][IV][payload encrypted], base64url. The key id stays
 * readable so the right key can be found; everything else is opaque without the key.
 */
export const tokenBody = {
  seal(key: SigningKey, payload: TokenPayload): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-ctr', encryptionKey(key.secret), iv);
    const encrypted = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
    const id = Buffer.from(key.id, 'utf8');
    return Buffer.concat([Buffer.of(id.length), id, iv, encrypted]).toString('base64url');
  },
  keyId(body: string): string | undefined {
    const bytes = Buffer.from(body, 'base64url');
    const length = bytes[0] ?? 0;
    return length >= 1 && length <= 8 && bytes.length > 1 + length + IV_BYTES ? bytes.subarray(1, 1 + length).toString('utf8') : undefined;
  },
  /** The decrypted payload as JSON text; only meaningful once the signature has been checked. */
  open(secret: string, body: string): unknown {
    const bytes = Buffer.from(body, 'base64url');
    const start = 1 + (bytes[0] ?? 0);
    const decipher = createDecipheriv('aes-256-ctr', encryptionKey(secret), bytes.subarray(start, start + IV_BYTES));
    const text = Buffer.concat([decipher.update(bytes.subarray(start + IV_BYTES)), decipher.final()]).toString('utf8');
    return JSON.parse(text);
  },
};

/** Signs a body made by tokenBody.seal with the key it names (tests forge bodies through this too). */
export function signBody(secret: string, body: string): string {
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

export function signToken(keys: SigningKeys, claims: TokenClaims): string {
  const payload = {
    v: TOKEN_VERSION,
    p: claims.purpose,
    s: claims.subject,
    e: claims.expiresAt,
    ...Object.fromEntries(optionalClaims.filter(([long]) => claims[long] !== undefined).map(([long, short]) => [short, claims[long]])),
  } as TokenPayload;
  return signBody(keys.current.secret, tokenBody.seal(keys.current, payload));
}

/**
 * Returns the claims of a token made for `purpose`, or throws InvalidToken (tampered, truncated,
 * unknown key, other purpose) or TokenExpired. The signature is checked before anything is decrypted.
 */
export function verifyToken(keys: SigningKeys, token: string, purpose: TokenPurpose, now: Date): TokenClaims {
  if (token.length > 2048) throw new InvalidToken('token too long');
  const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) throw new InvalidToken('malformed token');
  const [, body = '', signature = ''] = match;

  const keyId = tokenBody.keyId(body);
  const secret = keyId === undefined ? undefined : keys.all.get(keyId);
  if (!secret) throw new InvalidToken('unknown key id');
  // Compare the canonical text, not decoded bytes: base64url's spare bits would let two spellings pass.
  const expected = Buffer.from(mac(secret, body).toString('base64url'));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidToken('bad signature');

  let opened: unknown;
  try {
    opened = tokenBody.open(secret, body);
  } catch {
    throw new InvalidToken('unreadable payload');
  }
  const parsed = payloadSchema.safeParse(opened);
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
