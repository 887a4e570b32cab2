// The display name of mail Kompis sends on someone's behalf: "Ola Nordmann via Kompis", the form people
// recognise from shared documents and calendars. The address stays Kompis's own (SPF, DKIM, DMARC align);
// only the name changes. The name is typed by the owner, so it is cut down to something that can only
// read as a person's name: no address, no link, no quoting or header syntax, no invisible characters.
import { t, type Locale } from '../i18n/messages.js';

const MAX_NAME = 40;
const INVISIBLE_OR_CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
// "=" and "?" too: "=?utf-8?b?…?=" in a From name is an encoded-word a mail client would decode.
const HEADER_SYNTAX = /["<>()[\]\\,;:@=?]/g;
// An address or a link, however written: "x@y", "http://", "www.", "bank.com", "bank.no/login".
const LOOKS_LIKE_ADDRESS = /@|:\/\/|\bwww\.|[\p{L}\p{N}-]+\.[\p{L}]{2,}(?![\p{L}])/iu;

/** `name` as it may stand in a From display name, or undefined when nothing trustworthy is left. */
export function cleanDisplayName(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const plain = name.normalize('NFKC').replace(INVISIBLE_OR_CONTROL, '');
  if (LOOKS_LIKE_ADDRESS.test(plain)) return undefined;
  const words = plain.replace(HEADER_SYNTAX, ' ').replace(/\s+/g, ' ').trim();
  if (!/\p{L}/u.test(words)) return undefined;
  if (words.length <= MAX_NAME) return words;
  const cut = words.slice(0, MAX_NAME);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 10 ? cut.lastIndexOf(' ') : MAX_NAME).trim()}…`;
}

/** "Ola Nordmann via Kompis", or undefined (the mailer's own "Kompis") when the name cannot be used. */
export function onBehalfOf(name: string | undefined, locale: Locale): string | undefined {
  const clean = cleanDisplayName(name);
  return clean ? t(locale, 'email.from.onBehalf', { name: clean }) : undefined;
}
