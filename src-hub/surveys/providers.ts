import type { Kysely } from 'kysely';
import { type NotificationProviderView } from '../../src-shared/contract/surveys.js';
import { AppError, invalidField, validationError } from '../../src-shared/errors.js';
import { senderFor } from '../../src-shared/notifications/senders/index.js';
import { type Channel, CHANNELS, type NotificationSender, SEND_TIMEOUT_MS } from '../../src-shared/notifications/senders/outbound.js';
import { mergeSettings, type ProviderSettings, providerSettingsSchema, redactSettings } from '../../src-shared/notifications/senders/settings.js';
import type { HubDatabase } from '../db/schema.js';
import type { HubSecretBox } from '../keys.js';
import type { HubLog } from '../log.js';

/** The console provider, until an administrator sets one: every message a JSON line in the hub's data folder. */
const CONSOLE: ProviderSettings = { kind: 'console' };

export function isChannel(value: unknown): value is Channel {
  return (CHANNELS as readonly unknown[]).includes(value);
}

/**
 * How the hub sends each channel for the whole group: one provider a
 * channel, its settings sealed under the hub's secrets key (they hold the
 * gateway's credentials), never synced, never logged, shown to the
 * administrator with every secret replaced by whether it is set.
 */
export class HubProviders {
  constructor(
    private readonly db: Kysely<HubDatabase>,
    private readonly secrets: HubSecretBox,
    private readonly log: HubLog,
    private readonly options: { readonly consoleLogPath: string; readonly sendTimeoutMs?: number | undefined },
  ) {}

  get consoleLogPath(): string {
    return this.options.consoleLogPath;
  }

  /** The channel's settings: the console provider when none is set, null when the stored ones do not open here (another hub key). */
  async settingsOf(channel: Channel): Promise<ProviderSettings | null> {
    const row = await this.db.selectFrom('notification_providers').select('settings').where('channel', '=', channel).executeTakeFirst();
    if (!row) return CONSOLE;
    const plain = this.secrets.open(row.settings);
    if (plain === null) return null;
    try {
      const parsed = providerSettingsSchema.safeParse(JSON.parse(plain));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** The sender of a channel, or null when its settings cannot be read (the message waits, saying why). */
  async senderOf(channel: Channel): Promise<NotificationSender | null> {
    const settings = await this.settingsOf(channel);
    return settings ? this.build(settings) : null;
  }

  private build(settings: ProviderSettings): NotificationSender {
    return senderFor(settings, { consoleLogPath: this.options.consoleLogPath, timeoutMs: this.options.sendTimeoutMs ?? SEND_TIMEOUT_MS });
  }

  async list(): Promise<NotificationProviderView[]> {
    const rows = await this.db.selectFrom('notification_providers').select('channel').execute();
    const configured = new Set(rows.map((r) => r.channel));
    return Promise.all(CHANNELS.map(async (channel) => this.view(channel, await this.settingsOf(channel), configured.has(channel))));
  }

  /**
   * Sets a channel's provider from what the administrator sent: a secret
   * left blank keeps the stored one while the provider points at the same
   * server (mergeSettings). A provider that cannot send this channel (SMTP
   * for SMS) is refused.
   */
  async set(channel: Channel, incoming: unknown): Promise<NotificationProviderView> {
    const previous = await this.settingsOf(channel);
    const merged = mergeSettings(previous, incoming);
    if (!merged.success) throw validationError(merged.error);
    if (!this.build(merged.data).channels.includes(channel)) throw invalidField('kind', 'field.invalid_choice');
    const sealed = this.secrets.seal(JSON.stringify(merged.data));
    await this.db
      .insertInto('notification_providers')
      .values({ channel, kind: merged.data.kind, settings: sealed, updated_at: new Date() })
      .onConflict((oc) => oc.column('channel').doUpdateSet({ kind: merged.data.kind, settings: sealed, updated_at: new Date() }))
      .execute();
    // what changed, never the settings: they hold credentials
    this.log('notification_provider.set', { channel, kind: merged.data.kind, previousKind: previous?.kind ?? null });
    return this.view(channel, merged.data, true);
  }

  private view(channel: Channel, settings: ProviderSettings | null, configured: boolean): NotificationProviderView {
    return {
      channel,
      kind: settings?.kind ?? 'console',
      settings: settings ? { ...redactSettings(settings) } : {},
      configured,
      readable: settings !== null,
    };
  }
}

/** A channel named in a route, or a 404: there is no such provider. */
export function channelParam(value: unknown): Channel {
  if (!isChannel(value)) throw new AppError('NOT_FOUND', 'error.not_found');
  return value;
}
