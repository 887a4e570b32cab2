// Addresses people mistype: the common provider typos are caught, real addresses are left alone.
import { describe, expect, it } from 'vitest';
import { editDistance, isKompisAddress, PROVIDER_DOMAINS, suggestAddress } from '../../functions/core/goals/address-typos.js';

describe('suggestAddress', () => {
  it.each([
    ['ola@gmial.com', 'ola@gmail.com'],
    ['ola@gamil.com', 'ola@gmail.com'],
    ['ola@gmai.com', 'ola@gmail.com'],
    ['ola@gmail.no', 'ola@gmail.com'],
    ['ola@gmail.co', 'ola@gmail.com'],
    ['ola@gmail.con', 'ola@gmail.com'],
    ['ola@gmial.con', 'ola@gmail.com'],
    ['Kari.Nordmann@hotmial.com', 'Kari.Nordmann@hotmail.com'],
    ['kari@hotmail.con', 'kari@hotmail.com'],
    ['kari@hotmal.no', 'kari@hotmail.no'],
    ['per@outlok.com', 'per@outlook.com'],
    ['per@outllok.com', 'per@outlook.com'],
    ['per@yaho.com', 'per@yahoo.com'],
    ['per@yahooo.com', 'per@yahoo.com'],
    ['per@icloud.no', 'per@icloud.com'],
    ['per@iclod.com', 'per@icloud.com'],
    ['per@onlin.no', 'per@online.no'],
    ['per@firma.cmo', 'per@firma.com'],
  ])('%s → %s', (typed, meant) => {
    expect(suggestAddress(typed)).toBe(meant);
  });

  it.each([
    ...PROVIDER_DOMAINS.map((d) => `ola@${d}`),
    'ola@example.com',
    'ola@firma.no',
    'ola@nav.no',
    'ola@uio.no',
    'ola@equinor.com',
    'ola@kompis.localhost',
    'not an address',
    '@gmial.com',
  ])('leaves %s alone', (address) => {
    expect(suggestAddress(address)).toBeUndefined();
  });

  it('counts a swap of two neighbours as one edit', () => {
    expect(editDistance('gmial', 'gmail')).toBe(1);
    expect(editDistance('outlok.com', 'outlook.com')).toBe(1);
    expect(editDistance('abc', 'abcdefgh', 2)).toBe(3);
  });
});

describe('isKompisAddress', () => {
  const config = { baseUrl: 'https://kompis.example.com', inboundDomain: 'in.kompis.example.com', from: 'Kompis <coach@mail.kompis.example.com>' };
  it.each(['coach@kompis.example.com', 'goal@in.kompis.example.com', 'reply+abc@in.kompis.example.com', 'x@mail.kompis.example.com', 'X@KOMPIS.EXAMPLE.COM'])('%s is Kompis’s own', (a) => {
    expect(isKompisAddress(a, config)).toBe(true);
  });
  it.each(['kari@example.com', 'kari@notkompis.example.com', 'kari@kompis.example.com.evil.org'])('%s is not', (a) => {
    expect(isKompisAddress(a, config)).toBe(false);
  });
});
