// Text someone typed, shown to someone else: links in it must not be clickable. Mail clients turn
// anything that looks like an address into a link ("evil.example/login", "www…", "a@b.no"), so those
// parts are written the way security reports write them — "evil[.]example/login", "a[@]b[.]no" — which
// no client links. What counts as a link is linkify-it's reading (fuzzy links against the full TLD list,
// e-mail addresses, IPs), after NFKC and the dots IDNA treats as dots, as a mail client would see it.
import { LinkifyIt } from 'linkify-it';
import tlds from 'tlds' with { type: 'json' };

// Built at first use: compiling its patterns over ~1,500 TLDs would cost every cold start that never needs it.
let compiled: LinkifyIt | undefined;
const linkify = () => (compiled ??= new LinkifyIt({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: true }).tlds(tlds));
const IDNA_DOTS = /[\u3002\uff0e\uff61]/g;

const asSeen = (text: string) => text.normalize('NFKC').replace(IDNA_DOTS, '.');

// "www." and a name: mail clients link it whatever follows, a top-level domain linkify does not know even.
const WWW = /(^|[^\p{L}\p{N}])www\.[\p{L}\p{N}-]/iu;

/** True when some part of the text would be a link in a mail client. */
export function containsLink(text: string): boolean {
  const seen = asSeen(text);
  return linkify().test(seen) || WWW.test(seen);
}

const plain = (part: string) => part.replace(/:\/\//g, '[:]//').replace(/\./g, '[.]').replace(/@/g, '[@]');

/**
 * The text with every link-like part made plain; text without one comes back as it was. Plain parts can
 * join what was around them into a new link ("a@b.com.https://…"), so it reads again, and in the end
 * makes every dot, @ and :// plain.
 */
export function unlinked(text: string): string {
  let out = text;
  for (let pass = 0; pass < 3 && containsLink(out); pass++) out = unlinkOnce(out);
  return containsLink(out) ? plain(asSeen(out)) : out;
}

function unlinkOnce(text: string): string {
  const seen = asSeen(text);
  const matches = linkify().match(seen);
  if (!matches) return text;
  let out = '';
  let at = 0;
  for (const match of matches) {
    out += seen.slice(at, match.index) + plain(seen.slice(match.index, match.lastIndex));
    at = match.lastIndex;
  }
  return out + seen.slice(at);
}

/** A goal as someone other than its owner sees it (a buddy, or whoever an address typed by a stranger reaches). */
export function asShownToOthers<T extends { text: string; ownerName?: string; commitment?: string }>(goal: T): T {
  return {
    ...goal,
    text: unlinked(goal.text),
    ...(goal.ownerName ? { ownerName: unlinked(goal.ownerName) } : {}),
    ...(goal.commitment ? { commitment: unlinked(goal.commitment) } : {}),
  };
}
