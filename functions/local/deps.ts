// The dependencies of the local stack: the production wiring, plus the stand-in for SES's Send events
// (in AWS they come from SES itself, through the configuration set; the local SES publishes none).
import type { AppConfig } from '../config.js';
import type { Clock, Deps } from '../core/ports.js';
import { createDeps } from '../deps.js';
import { publishLocalSendEvents } from './ses-send-events.js';

export function createLocalDeps(config: AppConfig, clock?: Clock): Deps {
  return createDeps(config, clock, (ses, store) => {
    if (config.sesEndpoint) publishLocalSendEvents(ses, store);
  });
}
