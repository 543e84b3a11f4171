import path from 'node:path';
import type { Kysely } from 'kysely';
import type { HubDatabase } from '../db/schema.js';
import type { HubKeys } from '../keys.js';
import type { HubLog } from '../log.js';
import type { HubWriter } from '../sync/hub-writer.js';
import { SurveyLinks } from './links.js';
import { HubStaffMail } from './staff-mail.js';
import { HubOutbox } from './outbox.js';
import { HubProviders } from './providers.js';
import { HubSurveyForm } from './public-form.js';

export interface HubSurveyOptions {
  readonly dataDir: string;
  /** the hub's public address, known once it listens: survey links and the webhook address start with it */
  readonly publicUrl: () => string;
  /** how often the sender looks for due messages besides being woken (default 15 s) */
  readonly sendIntervalMs?: number | undefined;
  /** the first wait after a provider's transient failure (default 30 s) */
  readonly backoffBaseMs?: number | undefined;
  /** how long one provider attempt may take */
  readonly sendTimeoutMs?: number | undefined;
}

/**
 * The hub's half of surveys (docs/hub-surveys.md): it issues the links
 * patients receive, sends the group's invitations and reminders with the
 * group's providers, serves the form at `/s/<token>`, and takes the
 * providers' delivery reports — writing all of it as cells of its own that
 * reach the hospital's stations.
 */
export interface HubSurveys {
  readonly db: Kysely<HubDatabase>;
  readonly writer: HubWriter;
  readonly links: SurveyLinks;
  readonly providers: HubProviders;
  readonly form: HubSurveyForm;
  readonly outbox: HubOutbox;
  readonly staffMail: HubStaffMail;
  readonly publicUrl: string;
  readonly whatsAppVerifyToken: string;
  readonly unifonicReceiptPath: string;
  readonly smsRepliesPath: string;
}

export function hubSurveys(db: Kysely<HubDatabase>, writer: HubWriter, keys: HubKeys, log: HubLog, options: HubSurveyOptions): HubSurveys {
  const links = new SurveyLinks(db, keys.surveyLinks);
  const providers = new HubProviders(db, keys.secrets, log, {
    consoleLogPath: path.join(options.dataDir, 'logs', 'notifications.jsonl'),
    sendTimeoutMs: options.sendTimeoutMs,
  });
  const staffMail = new HubStaffMail(db, writer, providers, log, { backoffBaseMs: options.backoffBaseMs });
  const outbox = new HubOutbox(db, writer, providers, links, log, {
    publicUrl: options.publicUrl,
    intervalMs: options.sendIntervalMs,
    backoffBaseMs: options.backoffBaseMs,
    // the staff notification emails go out with the same provider, on the same loop
    alsoSend: () => staffMail.sendDue(),
  });
  return {
    db,
    writer,
    links,
    providers,
    form: new HubSurveyForm(db, writer, links),
    staffMail,
    outbox,
    get publicUrl() {
      return options.publicUrl().replace(/\/+$/, '');
    },
    whatsAppVerifyToken: keys.whatsAppVerifyToken,
    unifonicReceiptPath: keys.unifonicReceiptPath,
    smsRepliesPath: keys.smsRepliesPath,
  };
}
