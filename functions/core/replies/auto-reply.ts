// RFC 3834 and the de-facto headers of Outlook, Exchange and vacation responders: an auto-reply is
// never progress and never answered (no loops, no backscatter).
export type HeaderLookup = (name: string) => string | undefined;

const AUTO_SUBJECT = /^\s*(automatic reply|auto:|autosvar|automatisk svar|out of office|fravær|fraværende|abwesend|réponse automatique)/i;

export function isAutoReply(header: HeaderLookup, subject: string): boolean {
  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted && autoSubmitted.trim().toLowerCase() !== 'no') return true;
  if (header('x-autoreply') !== undefined || header('x-autorespond') !== undefined) return true;
  if (header('x-auto-response-suppress') !== undefined) return true;
  if (/^\s*(bulk|junk|list|auto_reply)\s*$/i.test(header('precedence') ?? '')) return true;
  return AUTO_SUBJECT.test(subject);
}
