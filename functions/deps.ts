// Builds the real dependencies (DynamoDB store, SES mailer, system clock) from config — used by
// Lambda entry points and the local stack alike; only the endpoints differ.
import { createSesClient } from './adapters/clients.js';
import { SesMailer } from './adapters/ses-mailer.js';
import type { AppConfig } from './config.js';
import { systemClock, type Clock, type Deps } from './core/ports.js';
import { SuppressionAwareMailer } from './core/emails/suppression.js';
import { publishLocalSendEvents } from './local/ses-send-events.js';
import { createStore } from './store.js';

export function createDeps(config: AppConfig, clock: Clock = systemClock): Deps {
  const store = createStore(config);
  const sesClient = createSesClient(config);
  // In AWS the Send events come from SES itself, through the configuration set.
  if (config.sesEndpoint) publishLocalSendEvents(sesClient, store);
  const ses = new SesMailer(sesClient, {
    from: config.from,
    configurationSet: config.configurationSet,
    messageIdDomain: new URL(config.baseUrl).hostname,
  });
  const mailer = new SuppressionAwareMailer(store, ses);
  return { store, mailer, clock, config };
}
