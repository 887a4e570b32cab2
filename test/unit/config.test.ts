// The environment, read once at start: defaults for local use, and one line per bad value.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config.js';

describe('configuration', () => {
  it('fills local defaults around the one required secret', () => {
    expect(loadConfig({ KOMPIS_SECRET: 'k1:' + 'a'.repeat(40) })).toMatchObject({
      baseUrl: 'http://127.0.0.1:3000',
      tableName: 'kompis',
      inboundDomain: 'in.kompis.localhost',
      maxSendRate: 14,
      region: 'eu-north-1',
    });
    expect(loadConfig({ KOMPIS_SECRET: 'a'.repeat(40), KOMPIS_MAX_SEND_RATE: '7', KOMPIS_BASE_URL: 'https://kompis.example.com/' })).toMatchObject({
      baseUrl: 'https://kompis.example.com',
      maxSendRate: 7,
    });
    expect(loadConfig({ KOMPIS_SECRET: 'a'.repeat(40) }).ceilings).toEqual({ confirmationsPerHour: 300, invitationsPerHour: 300, perDomainPerHour: 60 });
    expect(loadConfig({ KOMPIS_SECRET: 'a'.repeat(40), KOMPIS_INVITATIONS_PER_HOUR: '40', KOMPIS_PER_DOMAIN_PER_HOUR: '5' }).ceilings).toMatchObject({
      invitationsPerHour: 40,
      perDomainPerHour: 5,
    });
    expect(() => loadConfig({ KOMPIS_SECRET: 'a'.repeat(40), KOMPIS_CONFIRMATIONS_PER_HOUR: '1.5' })).toThrow('KOMPIS_CONFIRMATIONS_PER_HOUR');
  });

  it('names every bad value on a line of its own', () => {
    expect(() => loadConfig({ KOMPIS_MAX_SEND_RATE: 'lots', KOMPIS_INBOUND_DOMAIN: 'not a domain' })).toThrow(
      [
        'Kompis configuration is invalid:',
        '  KOMPIS_SECRET: is required: token signing keys, "id:secret,…" or one secret of 32+ characters (or KOMPIS_SECRET_ARN)',
        '  KOMPIS_INBOUND_DOMAIN: must be a domain name, e.g. in.kompis.example.com',
        '  KOMPIS_MAX_SEND_RATE: must be a number of emails per second',
      ].join('\n'),
    );
    expect(() => loadConfig({ KOMPIS_SECRET: 'short' })).toThrow('KOMPIS_SECRET: must be at least 32 characters');
  });
});
