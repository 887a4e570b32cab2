// One list of email kinds (templates/emails/manifest.ts): every kind in it has a sample in every language,
// and the samples name no kind outside it. The samples feed the screenshots, the rendering and client
// checks and the pseudo-locale check, so a new kind without a sample fails here rather than going unseen.
import { describe, expect, it } from 'vitest';
import { locales } from '../../functions/core/i18n/messages.js';
import { emailManifest } from '../../templates/emails/manifest.js';
import { emailSamples } from '../helpers/email-samples.js';

describe.each(locales)('the email samples in %s', (locale) => {
  it('cover every kind of email in the manifest, and no other', () => {
    const kinds = [...new Set(emailSamples(locale).map((s) => s.kind))].sort();
    expect(kinds).toEqual(Object.keys(emailManifest).sort());
  });
});
