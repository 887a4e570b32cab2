// Email commands in a reply's new text, in English and bokmål: "pause", "pause 2 weeks"/"pause 2 uker",
// "resume"/"fortsett", "stop"/"stopp". Only a reply that is nothing but the command counts as one.
import { readCount } from '../replies/count.js';

export type EmailCommand = { kind: 'pause'; weeks?: number } | { kind: 'resume' } | { kind: 'stop' };

export function readCommand(text: string): EmailCommand | undefined {
  const line = text.trim().toLowerCase().replace(/[.!]+$/, '');
  if (/^(resume|start again|restart|fortsett|start igjen|gjenoppta)$/.test(line)) return { kind: 'resume' };
  if (/^(stop|stopp|avslutt|unsubscribe|meld av)$/.test(line)) return { kind: 'stop' };
  const pause = /^pause(?:\s+(?:i|for)?\s*(\S+)\s+(weeks?|uker?|uka|uken))?$/.exec(line);
  if (!pause) return undefined;
  if (!pause[1]) return { kind: 'pause' };
  const weeks = readCount(pause[1], 'nb')?.count ?? readCount(pause[1])?.count;
  return weeks && weeks >= 1 && weeks <= 52 ? { kind: 'pause', weeks } : undefined;
}
