// The time zone list: every zone once, the chosen one marked, an unknown one shown as typed, and the
// server's guess from the request's language when the person has not chosen.
import { describe, expect, it } from 'vitest';
import { guessTimeZone, zoneOptions } from '../../functions/http/pages/time-zone-field.js';

describe('the zone options', () => {
  it('list every zone by region and city, with the chosen one selected', () => {
    const html = zoneOptions('America/New_York');
    expect(html).toContain('<option value="America/New_York" selected>America / New York</option>');
    expect(html.match(/ selected>/g)).toHaveLength(1);
    expect(html).toContain('<option value="Europe/Oslo">Europe / Oslo</option>');
    expect(html.match(/<option /g)!.length).toBeGreaterThan(300);
  });

  it('shows a zone the list does not have first, as typed, so a form sent back loses nothing', () => {
    expect(zoneOptions('Mars/Base')).toMatch(/^<option value="Mars\/Base" selected>Mars\/Base<\/option>/);
    expect(zoneOptions('<script>')).toMatch(/^<option value="script" selected>/);
  });
});

describe('guessTimeZone', () => {
  it.each([
    ['nb-NO,nb;q=0.9,en;q=0.8', 'Europe/Oslo'],
    ['nb', 'Europe/Oslo'],
    ['en-GB,en;q=0.9', 'Europe/London'],
    ['en-US', 'America/New_York'],
    ['sv-SE', 'Europe/Stockholm'],
    ['en', 'Europe/Oslo'],
    [undefined, 'Europe/Oslo'],
  ])('%s → %s', (header, zone) => {
    expect(guessTimeZone(header)).toBe(zone);
  });
});
