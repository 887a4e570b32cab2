// A circle as the email samples and page screens show it: eight members with long names and goals, one without
// an answer, one with no check-in this week, a shared target.
import { memberOf, type CircleItems } from '../../functions/core/circles/circle.js';
import type { Locale } from '../../functions/core/i18n/messages.js';
import { aGoal, anAnswer } from './factories.js';

// Names the pseudo-locale test knows as data (test/e2e/pseudo-locale.test.ts); the longest a member may give is 40.
const names = ['Ola Nordmann', 'Kari Nordmann', 'Per', 'Lars', 'Eva', 'Nora', 'Ola', 'Kari'];

export function aCircle(locale: Locale, now: Date): CircleItems {
  const weekStart = new Date(now.getTime() - 3 * 86400_000).toISOString();
  const members = names.map((name, i) => {
    const goal = aGoal({ id: `01M8DJ1J0DXM1G8Q8TBPQJ0Y${String(i).padStart(2, '0')}`, owner: `m${i}@example.com`, locale: i % 2 ? 'en' : 'nb', targetPerWeek: 1 + (i % 3), nextWeek: 12 });
    // Week 11 on target for everyone who answered: a flattened chart (the pseudo-locale test's text) would run a
    // count without its ✓ into the next row's name.
    const answers = i === 2 ? [] : Array.from({ length: 11 }, (_, w) => anAnswer(w + 1, 1 + ((w + i) % 4)));
    const member = memberOf('01M8DJ1J0DXM1G8Q8TBPQJ0ZZZ', goal, answers, name, '2026-03-01T00:00:00Z');
    // The last member's goal has no check-in in this circle week (its check-ins fell before it).
    return i === 7 ? { ...member, goalStatus: 'paused' as const, weeks: member.weeks.slice(0, 3) } : member;
  });
  // Week 11's check-in is this circle week's for everyone else.
  const inWeek = (m: (typeof members)[number]) => ({ ...m, weeks: m.weeks.map((w) => (w.week === 11 ? { ...w, checkinAt: weekStart } : { ...w, checkinAt: '2026-03-01T00:00:00Z' })) });
  return {
    circle: {
      id: '01M8DJ1J0DXM1G8Q8TBPQJ0ZZZ',
      name: locale === 'nb' ? 'Salgsteamet i Bergen' : 'Bergen sales team',
      organiserGoalId: members[0]!.goalId,
      organiser: members[0]!.owner,
      status: 'open',
      createdAt: '2026-03-01T00:00:00Z',
      // One long word in the shared target: a pasted name must not widen the email (re-attack A2).
      sharedTarget: { text: locale === 'nb' ? 'møter med nye kunder dette kvartalet Salgsteametskvartalsmålforførsteogandrekvartal2026' : 'meetings with new customers this quarter Salesteamsquarterlytargetforthefirstandsecondquarter2026', total: 120 },
      week: 11,
      weekStart,
      version: 3,
    },
    members: members.map((m, i) => (i === 7 ? m : inWeek(m))),
  };
}
