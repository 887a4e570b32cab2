// Builds the real dependencies (DynamoDB store, SES mailer, system clock) from config — used by
// Lambda entry points and the local stack alike; only the endpoints differ, and the local stack adds its
// stand-in for SES's Send events through `wireSes` (functions/local/deps.ts).
import type { SESClient } from '@aws-sdk/client-ses';
import { createSesClient } from './adapters/clients.js';
import { SesMailer } from './adapters/ses-mailer.js';
import type { AppConfig } from './config.js';
import { systemClock, type Clock, type Deps, type Store } from './core/ports.js';
import { SuppressionAwareMailer } from './core/emails/suppression.js';
import { createStore } from './store.js';

export function createDeps(config: AppConfig, clock: Clock = systemClock, wireSes?: (ses: SESClient, store: Store) => void): Deps {
  const store = createStore(config);
  const sesClient = createSesClient(config);
  wireSes?.(sesClient, store);
  const ses = new SesMailer(sesClient, {
    from: config.from,
    configurationSet: config.configurationSet,
    messageIdDomain: new URL(config.baseUrl).hostname,
  });
  const mailer = new SuppressionAwareMailer(store, ses);
  return { store, mailer, clock, config };
}
