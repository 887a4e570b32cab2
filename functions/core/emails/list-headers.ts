// The headers of every email that is not a direct answer to something the person did.
import type { Goal } from '../goal.js';
import { unsubscribeMailto, unsubscribeUrl } from '../links/links.js';
import type { CoreConfig } from '../ports.js';

/** Headers every non-transactional email carries: one-click unsubscribe (RFC 8058) and "automatic". */
export function listHeaders(config: CoreConfig, goal: Goal, now: Date): Record<string, string> {
  return {
    'List-Unsubscribe': `<${unsubscribeUrl(config, goal, now)}>, <${unsubscribeMailto(config, goal)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'Auto-Submitted': 'auto-generated',
  };
}
