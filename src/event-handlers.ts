import { apiTokensHandler } from './api/token-revocation.events';
import { auditLogHandler } from './audit/audit.events';
import { comparisonVersionHandler } from './comparison/compare-version.events';
import { EventHandlers } from './events/unit-of-work';
import { mailHandler, type MailHandlerOptions } from './mail/outbox.events';
import { reportTotalsHandler, type TotalsKind } from './reports/reports.events';
import { type ResumeTextHandlerOptions, resumeTextQueueHandler } from './resume-text/resume-text.events';
import { searchIndexHandler } from './search/search.events';
import { webhooksHandler, type WebhooksHandlerOptions } from './webhooks/outbox.events';

export interface EventHandlerOptions {
  /** Hears every rebuild of report totals (tests count them). */
  readonly observeTotals?: (kind: TotalsKind, openingIds: readonly number[]) => void;
  /** Where links in mail point, whether mail goes out, and whom to tell when messages are queued. */
  readonly mail?: MailHandlerOptions;
  /** Whom to tell when résumés are queued to have their text read. */
  readonly resumeText?: ResumeTextHandlerOptions;
  /** Whom to tell when webhook deliveries are queued. */
  readonly webhooks?: WebhooksHandlerOptions;
}

/**
 * Every reaction to domain events, registered once when the app is built. Each runs inside the
 * transaction that recorded the events, in this order; a feature that reacts owns its handler.
 */
export function createEventHandlers(options: EventHandlerOptions = {}): EventHandlers {
  return new EventHandlers([
    reportTotalsHandler({ observe: options.observeTotals }),
    comparisonVersionHandler(),
    auditLogHandler(),
    apiTokensHandler(),
    searchIndexHandler(),
    mailHandler(options.mail ?? { publicUrl: 'http://localhost:3000', configured: false }),
    resumeTextQueueHandler(options.resumeText),
    webhooksHandler(options.webhooks),
  ]);
}
