// What surrounds a person's words in a reply: a greeting first, a sign-off and a signature last (name,
// title, phone, street address, a legal disclaimer), a mobile client's footer ("Sent from my iPhone",
// "Hent Outlook for iOS"). Each test looks at one line, cut to LINE_CHARS, with plain patterns.
import { words } from './tokens.js';

/** A line is judged by its start: greetings, sign-offs and footers are short. */
export const LINE_CHARS = 200;

const GREETINGS = new Set(['hei', 'hi', 'hello', 'hey', 'hallo', 'heisann', 'hej', 'hejsan', 'moin', 'dear', 'kjære', 'morn', 'yo', 'hiya', 'halla', 'heia', 'hallå', 'servus']);
const GREETING_PAIRS = ['god morgen', 'good morning', 'good afternoon', 'god dag', 'god ettermiddag', 'hi there', 'hey there', 'hello there', 'hei hei', 'hei igjen', 'hi again', 'guten tag', 'god kveld'];

const SIGN_OFFS = [
  'mvh', 'm v h', 'med vennlig hilsen', 'vennlig hilsen', 'vennleg helsing', 'beste hilsen', 'hilsen', 'hilsener', 'hilsninger', 'helsing',
  'med hilsen', 'ha en fin dag', 'ha en fin helg', 'ha en god helg', 'god helg', 'takk', 'tusen takk', 'takk for meg', 'hils',
  'best', 'best regards', 'kind regards', 'warm regards', 'regards', 'many thanks', 'thanks', 'thank you', 'thanks again', 'cheers',
  'br', 'brgds', 'all the best', 'best wishes', 'sincerely', 'yours', 'talk soon', 'have a nice weekend', 'have a great weekend',
  'venlig hilsen', 'med venlig hilsen', 'kærlig hilsen', 'vh', 'med vänliga hälsningar', 'vänliga hälsningar', 'hälsningar', 'mvh',
  'viele grüße', 'viele grüsse', 'beste grüße', 'liebe grüße', 'mit freundlichen grüßen', 'lg', 'vg', 'gruß',
];
const SIGN_OFF_SET = new Set(SIGN_OFFS);

const FOOTER = new RegExp(
  '^(sent from (my|mail for|yahoo|outlook|the)|sent with proton|sent using|sent via|sent from my|sendt fra (min|mitt|yahoo|outlook)|sendt med ' +
    '|skickat från|von meinem|gesendet (von|mit)|envoyé de|get outlook for|hent outlook for|hentet fra outlook|skaffa outlook|' +
    'outlook (für|for) \\S+ herunterladen|download outlook|enviado desde|inviato da|von .{1,40} gesendet$|from my .{1,40}$)',
  'i',
);

const DISCLAIMER = /(confidential|konfidensiell|fortrolig|vertraulich|intended (solely|only) for|disclaimer|taushetsplikt|ansvarsfraskrivelse|if you have received (this|it) in error|please consider the environment)/i;

/** A signature delimiter line: "-- ", "--", "—", "___", "===". */
export function isSignatureDelimiter(line: string): boolean {
  const t = line.trim();
  return t === '--' || t === '-- ' || t === '—' || t === '–' || /^(_{2,6}|={2,6}|—{2,12}|-{3,6})$/.test(t);
}

export function isClientFooter(line: string): boolean {
  return FOOTER.test(line.trim().slice(0, LINE_CHARS));
}

export function isDisclaimer(line: string): boolean {
  const t = line.slice(0, 400);
  return t.length > 50 && DISCLAIMER.test(t);
}

const capitalized = (w: string) => /^[\p{Lu}][\p{Ll}'’.-]*$/u.test(w);

/** "Mvh", "Hilsen Per", "Best regards,", "Thanks, James", "Cheers 🎉": a sign-off and at most a name. */
export function isSignOff(line: string): boolean {
  const t = line.trim().slice(0, LINE_CHARS);
  if (!t || t.length > 60) return false;
  const lower = words(t);
  const raw = t.split(/[\s,.!]+/u).filter((w) => /\p{L}/u.test(w));
  for (let n = Math.min(5, lower.length); n >= 1; n--) {
    if (!SIGN_OFF_SET.has(lower.slice(0, n).join(' '))) continue;
    const rest = raw.slice(n);
    return rest.length <= 3 && rest.every(capitalized);
  }
  return false;
}

/** A greeting line ("Hei!", "Hi Kompis,", "God morgen 😊"), or a greeting that opens a longer line. */
export function greetingLength(line: string): number {
  const t = line.slice(0, LINE_CHARS);
  const match = /^\s*([\p{L}]+)(\s+[\p{L}]+)?/u.exec(t);
  if (!match) return 0;
  const first = match[1]!.toLowerCase();
  const pair = `${first}${(match[2] ?? '').toLowerCase().replace(/\s+/g, ' ')}`;
  let end: number;
  if (GREETING_PAIRS.includes(pair)) end = match[0].length;
  else if (GREETINGS.has(first)) end = match[0].length - (match[2]?.length ?? 0);
  else return 0;
  // "Hei Kompis", "Hi Ola": a capitalized name may follow; then punctuation, emoji or the end of the line.
  const rest = t.slice(end);
  const name = /^\s+(kompis|\p{Lu}[\p{Ll}]+)/u.exec(rest);
  if (name) end += name[0].length;
  const tail = /^[\s,.!:;)\-—–]*(\p{Extended_Pictographic}[\s\uFE0F]*)*[\s,.!]*/u.exec(t.slice(end))!;
  end += tail[0].length;
  // A greeting ends with punctuation, an emoji or the line; "Hei du" is not "Hei".
  return end >= t.length || tail[0].length > 0 ? end : 0;
}

const CONTACT = /(\+?\d[\d\s().-]{6,}\d|@|https?:\/\/|www\.|\b(tlf|tel|telefon|phone|mob|mobil|mobile|fax|org\.?\s?nr|org\.? no)\s?[:.]|^\s*[mtfep]\s?:\s|\s\|\s)/i;
const ADDRESS = /(\b\d{4,5}\s+\p{Lu}\p{Ll}+|\p{Lu}\p{Ll}+(veien|vegen|gata|gate|gaten|vei|veg|allé|plass|torget|brygge|straße|strasse|gade|gatan|vägen)\s+\d+|\b\d+\s+\p{Lu}\p{Ll}+\s+(street|road|avenue|lane|square|st|rd|ave)\b)/u;
const TITLE = /\b(director|manager|lead|head of|consultant|ceo|cto|cfo|coo|founder|partner|engineer|developer|adviser|advisor|officer|president|vp|leder|sjef|rådgiver|konsulent|ansvarlig|direktør|daglig leder|selger|säljare|kundeansvarlig|chef|berater|geschäftsführer|specialist|coordinator|koordinator)\b/i;
// Company forms, written as companies write them ("Hansen Bygg AS", "Contoso Ltd"): "as" in a sentence is not one.
const COMPANY = /\s(AS|ASA|AB|ApS|A\/S|GmbH|Ltd|LLC|Inc|Oy|BV|SA)\b\.?(\s|,|$)/;

/** A line of contact details: a phone number, an address (email, web, street), a company. */
export function isContactLine(line: string): boolean {
  const t = line.trim().slice(0, LINE_CHARS);
  return t.length > 0 && t.length <= 120 && (CONTACT.test(t) || ADDRESS.test(t) || COMPANY.test(t));
}

/** A job title line ("Regional Sales Director", "Daglig leder"): in a signature only next to contact details. */
export function isTitleLine(line: string): boolean {
  const t = line.trim().slice(0, LINE_CHARS);
  return t.length > 0 && t.length <= 80 && TITLE.test(t) && !/[.!?]$/.test(t);
}

/** A short line of one to four capitalized words: a name. */
export function isNameLine(line: string): boolean {
  const t = line.trim().slice(0, LINE_CHARS);
  if (!t || t.length > 40) return false;
  const parts = t.split(/\s+/);
  return parts.length <= 4 && parts.every((p) => /^[\p{Lu}][\p{L}'’.-]*,?$/u.test(p));
}
