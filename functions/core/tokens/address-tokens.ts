// Signed email addresses: `checkin+<token>@inbound` as a check-in's Reply-To, `reply+<token>@inbound` as
// every other email's (so any reply reaches the goal), `unsubscribe+<token>@inbound` in List-Unsubscribe.
// An address's local part has at most 64 characters and mail systems may change its case, so these tokens
// are short, lower-case and carry a truncated MAC (80 bits) instead of a payload.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SigningKeys } from './tokens.js';

// circle: a reply to a circle's weekly email, relayed to the other members (circles/relay.ts); `week` is the circle's.
export type AddressPurpose = 'checkin' | 'unsubscribe' | 'reply' | 'circle';
const purposeCode: Record<AddressPurpose, string> = { checkin: 'c', unsubscribe: 'u', reply: 'r', circle: 'k' };

export interface AddressClaims {
  purpose: AddressPurpose;
  goalId: string;
  week: number;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function mac(secret: string, text: string): string {
  return base32(createHmac('sha256', secret).update(text).digest().subarray(0, 10));
}

export function signAddressToken(keys: SigningKeys, claims: AddressClaims): string {
  const body = `${purposeCode[claims.purpose]}.${claims.goalId.toLowerCase()}.${claims.week}.${keys.current.id}`;
  return `${body}.${mac(keys.current.secret, body)}`;
}

/** The claims of a valid token for `purpose`, or undefined: an address is never an error page. */
export function verifyAddressToken(keys: SigningKeys, token: string, purpose: AddressPurpose): AddressClaims | undefined {
  const match = /^([curk])\.([0-9a-z]{26})\.(\d{1,3})\.([a-z0-9]{1,8})\.([a-z2-7]{16})$/.exec(token.toLowerCase());
  if (!match) return undefined;
  const [, code, goalId = '', week = '', keyId = '', signature = ''] = match;
  if (code !== purposeCode[purpose]) return undefined;
  const secret = keys.all.get(keyId);
  if (!secret) return undefined;
  const expected = Buffer.from(mac(secret, `${code}.${goalId}.${week}.${keyId}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return { purpose, goalId: goalId.toUpperCase(), week: Number(week) };
}

export function addressFor(keys: SigningKeys, claims: AddressClaims, inboundDomain: string): string {
  return `${claims.purpose}+${signAddressToken(keys, claims)}@${inboundDomain}`;
}
