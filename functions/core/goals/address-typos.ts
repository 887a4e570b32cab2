// Addresses people mistype: "ola@gmial.com" gets a confirmation nobody reads. Before anything is sent,
// the form asks "Did you mean ola@gmail.com?". The rule is a small table and one distance, so it is the
// same on the server (without script) and behind /api/address (with script):
// - a domain in the table is never questioned;
// - gmail and icloud exist under .com only: "gmail.no", "gmail.co" → gmail.com;
// - a common typo of ".com" ("con", "cmo", "ocm", …) → .com, whatever the domain;
// - otherwise the nearest domain of the table by Damerau–Levenshtein distance (a swap of two neighbours
//   is one edit, "gmial"), when it is at most 1, or 2 for the longer provider names (9+ characters).
// Ties go to the earlier entry: the table lists the biggest providers first.
import { wordTable } from '../replies/word-table.js';

/** The common providers of our users (global, then Norway, then the Nordics, the UK and Germany). */
export const PROVIDER_DOMAINS = [
  'gmail.com', 'hotmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'live.com', 'msn.com', 'me.com', 'mac.com',
  'aol.com', 'googlemail.com', 'ymail.com', 'protonmail.com', 'proton.me', 'pm.me', 'mail.com', 'email.com', 'gmx.com',
  'hotmail.no', 'live.no', 'outlook.no', 'yahoo.no', 'online.no', 'getmail.no', 'lyse.net', 'altibox.no', 'broadpark.no',
  'hotmail.se', 'outlook.se', 'live.se', 'telia.com', 'hotmail.dk', 'outlook.dk', 'live.dk', 'hotmail.co.uk', 'outlook.co.uk',
  'live.co.uk', 'yahoo.co.uk', 'btinternet.com', 'gmx.de', 'gmx.net', 'web.de', 't-online.de', 'hotmail.de', 'outlook.de',
] as const;

const KNOWN = new Set<string>(PROVIDER_DOMAINS);
/** Brands that exist under one domain only. */
const ONLY_COM = wordTable({ gmail: 'gmail.com', icloud: 'icloud.com' });
const COM_TYPOS = new Set(['con', 'cmo', 'ocm', 'vom', 'xom', 'comm', 'cpm', 'coom', 'cim']);

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string, limit = 3): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

function correctedDomain(domain: string): string | undefined {
  if (KNOWN.has(domain)) return undefined;
  const labels = domain.split('.');
  const only = ONLY_COM[labels[0] ?? ''];
  if (only && labels.length >= 2) return only;
  const tld = labels.at(-1) ?? '';
  if (labels.length >= 2 && COM_TYPOS.has(tld)) {
    const fixed = [...labels.slice(0, -1), 'com'].join('.');
    return correctedDomain(fixed) ?? fixed;
  }
  let best: { domain: string; distance: number } | undefined;
  for (const known of PROVIDER_DOMAINS) {
    const allowed = known.length >= 9 ? 2 : 1;
    const distance = editDistance(domain, known, allowed);
    if (distance <= allowed && (!best || distance < best.distance)) best = { domain: known, distance };
  }
  return best?.domain;
}

/** The address as it was likely meant, or undefined when it looks right (or is not an address at all). */
export function suggestAddress(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  if (at < 1 || address.length > 254) return undefined;
  const domain = address.slice(at + 1).trim().toLowerCase();
  if (!domain || domain.length > 100) return undefined;
  const fixed = correctedDomain(domain);
  return fixed && fixed !== domain ? `${address.slice(0, at)}@${fixed}` : undefined;
}

/**
 * Kompis's own domains: the site's, the inbound one and the sender's, with their subdomains. A buddy there
 * would be Kompis writing to itself (such an invitation was dropped without a word).
 */
export function isKompisAddress(address: string, config: { baseUrl: string; inboundDomain: string; from?: string }): boolean {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  const fromDomain = config.from ? /@([^>\s]+)>?\s*$/.exec(config.from)?.[1]?.toLowerCase() : undefined;
  const own = [new URL(config.baseUrl).hostname.toLowerCase(), config.inboundDomain.toLowerCase(), ...(fromDomain ? [fromDomain] : [])];
  return own.some((d) => domain === d || domain.endsWith(`.${d}`));
}

/**
 * The suggestions still to show for a form's address fields: an address whose suggestion the person has
 * seen already (`seen`: the addresses, space-separated, that the form or its script showed one for) is
 * taken as typed.
 */
export function pendingSuggestions<F extends string>(fields: Partial<Record<F, string | undefined>>, seen = ''): Partial<Record<F, string>> {
  const shown = new Set(seen.toLowerCase().split(/\s+/).filter(Boolean));
  const out: Partial<Record<F, string>> = {};
  for (const [field, address] of Object.entries(fields) as [F, string | undefined][]) {
    const suggestion = address && !shown.has(address.toLowerCase()) ? suggestAddress(address) : undefined;
    if (suggestion) out[field] = suggestion;
  }
  return out;
}

/** `seen` with these addresses added: a form sent back with suggestions does not ask about them again. */
export function withSeen(seen: string | undefined, addresses: (string | undefined)[]): string {
  return [...new Set([...(seen ?? '').toLowerCase().split(/\s+/), ...addresses.map((a) => a?.toLowerCase())].filter(Boolean))].join(' ').slice(0, 1200);
}
