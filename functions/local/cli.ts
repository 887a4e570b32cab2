// The `kompis` command: the local stack, time travel, and the goal and reply readers.
import { parseArgs } from 'node:util';

const help = `Usage: kompis <command> [options]

Commands:
  dev               Run Kompis locally: DynamoDB Local (port 8000), local SES with the outbox
                    (port 8005) and the app (port 3000), all on 127.0.0.1, data in .data/.
                    Also an inbound SMTP server (port 2525) and the weekly tick every minute.
                    Ports: PORT, KOMPIS_DYNAMODB_PORT, KOMPIS_SES_PORT, KOMPIS_SMTP_PORT.
  tick --at <time>  Run one tick and its sends as if it were <time> (ISO 8601, e.g.
                    2026-12-04T15:00:00+01:00), against the running \`kompis dev\`.
  analyze "<goal text>" [--lang nb|en] [--start YYYY-MM-DD]
                    Print what Kompis reads in a goal, as one JSON object: count, cadence,
                    horizonWeeks, audience, missing, commitment. Horizons such as "this
                    quarter" are counted from --start (the sign-up date; today by default).
  parse-reply <file.eml> [--lang nb|en] [--goal "<goal text>"]
                    Print what a reply says, as one JSON object {"count", "note", "autoReply"},
                    with the same code the inbound handler uses, and when they apply: "ask"
                    (the counts Kompis would ask about; count is then null), "command"
                    (pause, resume, stop, status) and "bounce" (a delivery report). --lang is
                    the goal's language (read from the quoted check-in when not given); --goal
                    its words, as the handler reads them ("løp 25 km" counts for "Løpe 20 km
                    hver uke"). Touches no store.
  replay-inbound --queue <url> [--dry-run]
  replay-feedback --queue <url> [--dry-run]
                    On AWS: hand the events the inbound (or feedback) function gave up on back to
                    it, one at a time; a handled one leaves the queue, a failing one stays. The
                    URL is the stack's InboundFailedEventsQueueUrl (FeedbackFailedEventsQueueUrl)
                    output. Uses your AWS credentials and AWS_REGION (else the queue URL's).

Options:
  -h, --help  Show this help.
`;

export async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: {
      help: { type: 'boolean', short: 'h' },
      at: { type: 'string' },
      lang: { type: 'string' },
      queue: { type: 'string' },
      'dry-run': { type: 'boolean' },
      start: { type: 'string' },
      goal: { type: 'string' },
    },
  });
  const [command] = positionals;
  if (values.help || !command) {
    process.stdout.write(help);
    return command || values.help ? 0 : 1;
  }
  switch (command) {
    case 'dev': {
      const { dev } = await import('./dev.js');
      await dev();
      return -1; // keeps running until Ctrl-C
    }
    case 'tick': {
      const { tickCommand } = await import('./tick-command.js');
      return tickCommand(typeof values.at === 'string' ? values.at : undefined);
    }
    case 'analyze': {
      const text = positionals.slice(1).join(' ').trim();
      if (!text) {
        process.stderr.write('kompis analyze: give the goal as text, e.g. kompis analyze "Meet 2 CFOs every week this quarter"\n');
        return 2;
      }
      const { analyzeGoal } = await import('../core/analysis/analyze.js');
      const lang = typeof values.lang === 'string' ? values.lang : undefined;
      const start = typeof values.start === 'string' ? new Date(`${values.start}T09:00:00Z`) : new Date();
      if (Number.isNaN(start.getTime())) {
        process.stderr.write('kompis analyze: --start takes a date, e.g. --start 2026-01-05\n');
        return 2;
      }
      process.stdout.write(`${JSON.stringify(analyzeGoal(text, { language: lang, start }))}\n`);
      return 0;
    }
    case 'parse-reply': {
      const file = positionals[1];
      if (!file) {
        process.stderr.write('kompis parse-reply: name a raw message file, e.g. kompis parse-reply reply.eml\n');
        return 2;
      }
      const { readFile } = await import('node:fs/promises');
      const { parseReply } = await import('../core/replies/parse-reply.js');
      const { isLocale } = await import('../core/i18n/messages.js');
      const locale = isLocale(values.lang) ? values.lang : undefined;
      let reading;
      try {
        const goalText = typeof values.goal === 'string' ? values.goal : undefined;
        reading = await parseReply(await readFile(file), { locale, goalText });
      } catch (error) {
        // What the inbound handler drops as "dropped:malformed" (1,000 parts, a header block over the limit):
        // said in one line, not a stack trace.
        process.stderr.write(`kompis parse-reply: ${file} could not be read as a message (${error instanceof Error ? error.message : String(error)}); the inbound handler drops such mail unanswered.\n`);
        return 1;
      }
      process.stdout.write(`${JSON.stringify(reading)}\n`);
      return 0;
    }
    case 'replay-inbound':
    case 'replay-feedback': {
      const { replayCommand } = await import('./replay.js');
      const queue = typeof values.queue === 'string' ? values.queue : undefined;
      return replayCommand(command === 'replay-inbound' ? 'inbound' : 'feedback', queue, values['dry-run'] === true);
    }
    default:
      process.stderr.write(`kompis: unknown command "${command}"\n\n${help}`);
      return 2;
  }
}
