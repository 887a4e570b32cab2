// Prints the readers' scores on the held-out sets and every miss: `npx tsx test/helpers/held-out-report.ts`.
import { analyzeGoal } from '../../functions/core/analysis/analyze.js';
import { parseReply } from '../../functions/core/replies/parse-reply.js';
import { scoreGoals, scoreReplies } from './held-out.js';

const percent = (right: number, total: number) => `${right}/${total} = ${((100 * right) / total).toFixed(1)} %`;

const replies = await scoreReplies((raw) => parseReply(raw));
console.log(`replies: ${percent(replies.right, replies.total)}; automatic mail counted: ${replies.automaticCounted.length}; numbers taken from quotes or signatures: ${replies.trapsTaken.length}`);
for (const miss of replies.misses) console.log(`  ${miss.file}: ${miss.problems.join('; ')}`);

const goals = scoreGoals((text, start) => analyzeGoal(text, { start }));
console.log(`goals: ${percent(goals.right, goals.total)}`);
for (const miss of goals.misses) console.log(`  ${miss.text}: ${miss.problems.join('; ')}`);
