import { describe, expect, it } from 'vitest';
import { addressFor, signAddressToken, verifyAddressToken } from '../../functions/core/tokens/address-tokens.js';
import { parseSigningKeys } from '../../functions/core/tokens/tokens.js';

const keys = parseSigningKeys('local:0123456789abcdef0123456789abcdef0123456789');
const claims = { purpose: 'checkin' as const, goalId: '01M8DJ1J0DXM1G8Q8TBPQJ0YS9', week: 12 };

describe('signed reply addresses', () => {
  it('fit the 64-character limit of an address’s local part', () => {
    const local = addressFor(keys, claims, 'in.example.com').split('@')[0]!;
    expect(local.length).toBeLessThanOrEqual(64);
    expect(local).toMatch(/^checkin\+[a-z0-9.]+$/);
  });

  it('survive a mail system that changes the case', () => {
    const token = signAddressToken(keys, claims);
    expect(verifyAddressToken(keys, token.toUpperCase(), 'checkin')).toEqual(claims);
  });

  it('refuse another purpose, another key, and any changed character', () => {
    const token = signAddressToken(keys, claims);
    expect(verifyAddressToken(keys, token, 'unsubscribe')).toBeUndefined();
    expect(verifyAddressToken(parseSigningKeys('other:0123456789abcdef0123456789abcdef0123456789'), token, 'checkin')).toBeUndefined();
    for (let i = 0; i < token.length; i++) {
      if (token[i] === '.') continue;
      const changed = token.slice(0, i) + (token[i] === 'a' ? 'b' : 'a') + token.slice(i + 1);
      expect(verifyAddressToken(keys, changed, 'checkin'), changed).toBeUndefined();
    }
  });
});
