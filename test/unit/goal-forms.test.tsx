// The goal page's forms are rendered once per link and goal (pages/goal-forms.tsx): a later view of the same
// goal shows the same HTML, a changed goal shows its change, and a page sent back with an error or with what
// was typed is always rendered afresh.
import { describe, expect, it } from 'vitest';
import { GoalForms } from '../../functions/http/pages/goal-forms.js';
import { aGoal } from '../helpers/factories.js';

const html = (props: Parameters<typeof GoalForms>[0]) => String(<div>{GoalForms(props)}</div>);
const path = '/g/a-link';

describe('the goal page’s forms', () => {
  it('shows the goal as it now is, after any change to it', () => {
    const goal = aGoal();
    const first = html({ goal, path, errors: {}, values: {} });
    expect(html({ goal: aGoal(), path, errors: {}, values: {} })).toBe(first);
    expect(first).toContain('<option value="15" selected');
    const moved = html({ goal: aGoal({ checkinHour: 18 }), path, errors: {}, values: {} });
    expect(moved).toContain('<option value="18" selected');
    const paused = html({ goal: aGoal({ status: 'paused' }), path, errors: {}, values: {} });
    expect(paused).not.toContain(`${path}/pause"`);
    expect(html({ goal, path: '/g/another-link', errors: {}, values: {} })).toContain('action="/g/another-link/schedule"');
  });

  it('renders afresh what was typed and the error next to it', () => {
    const goal = aGoal();
    html({ goal, path, errors: {}, values: {} });
    const sentBack = html({ goal, path, errors: { hour: 'errors.hour.invalid' }, values: { hour: '7', buddyName: 'Kari Nordmann' } });
    expect(sentBack).toContain('<option value="7" selected');
    expect(sentBack).toContain('value="Kari Nordmann"');
    expect(sentBack).toContain('aria-invalid="true"');
  });
});
