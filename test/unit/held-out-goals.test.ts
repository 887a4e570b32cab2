// The goal reader on the held-out phrasings (test/fixtures/goals/held-out.json, written before the reader's
// second round; conventions in the README there): count, cadence, horizon and whether "count" is missing,
// right for at least 95 %. `kompis analyze --start` reads the same.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { analyzeGoal } from '../../functions/core/analysis/analyze.js';
import { heldOutGoals, scoreGoals } from '../helpers/held-out.js';

describe('the held-out goal phrasings', () => {
  it('are at least 150, in both languages', () => {
    const goals = heldOutGoals();
    expect(goals.length).toBeGreaterThanOrEqual(150);
    expect(new Set(goals.map((g) => g.language))).toEqual(new Set(['nb', 'en']));
  });

  it('are read right at least 95 % of the time', () => {
    const score = scoreGoals((text, start) => analyzeGoal(text, { start }));
    const misses = score.misses.map((m) => `${m.text}: ${m.problems.join('; ')}`).join('\n');
    expect(score.right / score.total, misses).toBeGreaterThanOrEqual(0.95);
  });

  it.each(['Close 12 deals this quarter', 'Ringe 15 potensielle kunder i uka de neste fire månedene', 'Spend 45 minutes on Kubernetes, twice a week'])(
    'reads %j the same through `kompis analyze --start`',
    async (text) => {
      const goal = heldOutGoals().find((g) => g.text === text)!;
      const { stdout } = await promisify(execFile)('node', ['bin/kompis.js', 'analyze', text, '--start', goal.start]);
      const printed = JSON.parse(stdout) as { count: number | null; cadence: string | null; horizonWeeks: number | null };
      expect(printed).toMatchObject({ count: goal.count, cadence: goal.cadence, horizonWeeks: goal.horizonWeeks });
    },
  );
});
