import { describe, expect, it } from 'vitest';
import { InvalidToken, TokenExpired } from '../../functions/core/errors.js';
import { parseSigningKeys, signBody, signToken, tokenBody, verifyToken, type TokenClaims } from '../../functions/core/tokens/tokens.js';

const now = new Date('2026-03-02T09:00:00Z');
const inOneDay = Math.floor(now.getTime() / 1000) + 86_400;
const keys = parseSigningKeys('k2:second-secret-second-secret-second-secret,k1:first-secret-first-secret-first-secret-1');
const claims: TokenClaims = { purpose: 'confirm', subject: ['ola@example.com', '01J0GOAL'], expiresAt: inOneDay };

function flipChar(text: string, index: number): string {
  const c = text[index] === 'A' ? 'B' : 'A';
  return text.slice(0, index) + c + text.slice(index + 1);
}

describe('tokens', () => {
  it('gives back the claims it signed', () => {
    const token = signToken(keys, { ...claims, week: 7, value: 2, generation: 3 });
    expect(verifyToken(keys, token, 'confirm', now)).toEqual({ ...claims, week: 7, value: 2, generation: 3 });
    expect(verifyToken(keys, signToken(keys, claims), 'confirm', now)).toEqual(claims);
  });

  it('signs with the first key and still verifies tokens signed by an older key', () => {
    const oldKeys = parseSigningKeys('k1:first-secret-first-secret-first-secret-1');
    const oldToken = signToken(oldKeys, claims);
    expect(verifyToken(keys, oldToken, 'confirm', now).subject).toEqual(claims.subject);
    expect(tokenBody.keyId(signToken(keys, claims).split('.')[0]!)).toBe('k2');
  });

  it('shows nothing of its claims: no address, no goal id, in the token or in any decoding of it', () => {
    const token = signToken(keys, { ...claims, week: 7 });
    const [body = ''] = token.split('.');
    for (const text of [token, Buffer.from(body, 'base64url').toString('latin1'), Buffer.from(body, 'base64url').toString('utf8')]) {
      expect(text).not.toContain('ola@example.com');
      expect(text).not.toContain('01J0GOAL');
      expect(text).not.toContain('confirm');
    }
    // Two links with the same claims differ (a fresh IV each), so equal links cannot be spotted either.
    expect(signToken(keys, claims)).not.toBe(signToken(keys, claims));
  });

  it('refuses a token made for another purpose', () => {
    const token = signToken(keys, { ...claims, purpose: 'goal' });
    expect(() => verifyToken(keys, token, 'confirm', now)).toThrow(InvalidToken);
  });

  it('refuses an expired token with its own error', () => {
    const token = signToken(keys, { ...claims, expiresAt: Math.floor(now.getTime() / 1000) - 1 });
    expect(() => verifyToken(keys, token, 'confirm', now)).toThrow(TokenExpired);
  });

  it('refuses a token whose payload was changed, even to a valid payload', () => {
    const token = signToken(keys, claims);
    const [, signature] = token.split('.');
    const forgedBody = tokenBody.seal(keys.current, { v: 2, p: 'confirm', s: ['mallory@example.com', '01J0GOAL'], e: inOneDay });
    expect(() => verifyToken(keys, `${forgedBody}.${signature}`, 'confirm', now)).toThrow(InvalidToken);
    // The same body signed with the key is a valid token: the signature was all that stopped it.
    expect(verifyToken(keys, signBody(keys.current.secret, forgedBody), 'confirm', now).subject[0]).toBe('mallory@example.com');
  });

  it('refuses a token with any single character of its signature changed', () => {
    const token = signToken(keys, claims);
    const dot = token.indexOf('.');
    for (let i = dot + 1; i < token.length; i++) {
      expect(() => verifyToken(keys, flipChar(token, i), 'confirm', now)).toThrow(InvalidToken);
    }
  });

  it('refuses truncated, empty and oversized tokens and unknown key ids', () => {
    const token = signToken(keys, claims);
    const unknownKey = signToken(parseSigningKeys('k9:nine-secret-nine-secret-nine-secret-nine'), claims);
    for (const bad of [token.slice(0, -1), token.split('.')[0]!, '', '.', 'a'.repeat(5000), unknownKey]) {
      expect(() => verifyToken(keys, bad, 'confirm', now)).toThrow(InvalidToken);
    }
  });

  it('rejects short secrets and malformed key ids at start', () => {
    expect(() => parseSigningKeys('too-short')).toThrow(/at least 32/);
    expect(() => parseSigningKeys('bad id:0123456789abcdef0123456789abcdef')).toThrow(/key id/);
  });
});
