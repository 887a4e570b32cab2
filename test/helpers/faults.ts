// Fault injection for integration tests: SDK middleware on a real client (DynamoDB Local, local SES)
// that makes a share of calls throttle, time out before reaching the server, or time out after the
// server did the work. It sits inside the SDK's retry middleware, so the SDK's own retries see the
// faults as they would see AWS's.
import type { Client, FinalizeRequestMiddleware } from '@smithy/types';

export type Fault = 'throttle' | 'timeout' | 'after-effect';

export interface FaultPlan {
  /** Share of calls that fail, 0…1. */
  rate: number;
  random: () => number;
  /** Which commands may fail; all when absent. */
  commands?: RegExp;
  /** At most this many faults in all; no limit when absent. */
  budget?: number;
  /** Which faults to choose from; all when absent. */
  kinds?: Fault[];
  /** How many of each fault were injected, per service. */
  injected: Record<string, number>;
}

/** A small seeded generator (mulberry32), so a failing run can be repeated with its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const throttleNames = {
  dynamodb: ['ProvisionedThroughputExceededException', 'ThrottlingException'],
  ses: ['Throttling', 'TooManyRequestsException'],
};

function injectedError(fault: Fault, service: keyof typeof throttleNames, random: () => number): Error {
  if (fault === 'throttle') {
    const names = throttleNames[service];
    return Object.assign(new Error('Rate exceeded (injected)'), {
      name: names[Math.floor(random() * names.length)]!,
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    });
  }
  // What the SDK's HTTP handler throws when no response came in time: no status, no metadata.
  return Object.assign(new Error(`Connection timed out (injected, ${fault})`), { name: 'TimeoutError' });
}

export function injectFaults(client: Pick<Client<any, any, any>, 'middlewareStack'>, service: keyof typeof throttleNames, plan: FaultPlan): void {
  const middleware: FinalizeRequestMiddleware<any, any> = (next, context) => async (args) => {
      if (plan.commands && !plan.commands.test(context.commandName ?? '')) return next(args);
      if (plan.budget === 0 || plan.random() >= plan.rate) return next(args);
      if (plan.budget !== undefined) plan.budget--;
      const faults = plan.kinds ?? ['throttle', 'timeout', 'after-effect'];
      const fault = faults[Math.floor(plan.random() * faults.length)]!;
      const label = `${service} ${fault}`;
      plan.injected[label] = (plan.injected[label] ?? 0) + 1;
      if (fault === 'after-effect') await next(args);
      throw injectedError(fault, service, plan.random);
    };
  client.middlewareStack.addRelativeTo(middleware, { relation: 'after', toMiddleware: 'retryMiddleware', name: 'kompisInjectedFaults' },
  );
}
