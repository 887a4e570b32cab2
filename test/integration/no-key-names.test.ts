// No page shows a message key instead of its text, in either language.
import { describe, expect, it } from 'vitest';
import { goalPagePath, weekPagePath } from '../../functions/core/links/links.js';
import { catalog } from '../../functions/core/i18n/messages.js';
import type { Deps } from '../../functions/core/ports.js';
import { recordAnswer } from '../../functions/core/weekly/record.js';
import { createApp } from '../../functions/http/app.js';
import { FixedClock, freshTable, testDeps } from '../helpers/deps.js';
import { anActiveGoal } from '../helpers/goals.js';
import { tickAt } from '../helpers/weekly.js';

const keys = Object.keys(catalog('en'));

describe('pages in both languages', () => {
  it.each(['nb', 'en'] as const)('render text, never a key name, in %s', async (locale) => {
    const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
    const deps = testDeps(clock, await freshTable()) as Deps & { clock: FixedClock };
    const goal = await anActiveGoal(deps, { locale, weeks: '3', buddyName: 'Kari', buddyEmail: `kari-${locale}@example.com` });
    await tickAt(deps, '2026-03-06T14:00:00Z');
    clock.set('2026-03-06T15:00:00Z');
    await recordAnswer(deps, (await deps.store.getGoal(goal.owner, goal.id))!, 1, { count: 2, channel: 'event', source: 'click' });
    const app = createApp(deps);
    const now = clock.now();
    const paths = [`/?lang=${locale}`, goalPagePath(deps.config, goal, now), weekPagePath(deps.config, goal, 1, now), `/nope?lang=${locale}`];
    for (const path of paths) {
      const html = await (await app.request(path)).text();
      expect(html, path).toContain(`lang="${locale}"`);
      expect(keys.filter((key) => html.includes(key)), path).toEqual([]);
    }
  });
});
