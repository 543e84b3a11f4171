import type { NotificationProviderView, ParsedInput } from '../../../src-shared/contract/index.js';
import { uuidv7 } from '../../../src-shared/ids.js';
import { AppError, invalidField, validationError } from '../../../src-shared/errors.js';
import { normalizePhone } from '../../../src-shared/notifications/senders/phone.js';
import { mergeSettings, type ProviderSettings, redactSettings } from '../../../src-shared/notifications/senders/settings.js';
import { senderFor } from '../../../src-shared/notifications/senders/index.js';
import type { NotificationProvidersTable, SurveyChannel } from '../../../src-shared/tables/index.js';
import { SURVEY_CHANNELS } from '../../../src-shared/tables/index.js';
import type { Caller } from '../../core/context.js';
import type { DataLayer } from '../../core/data-layer.js';
import type { Store } from '../../core/db/store.js';
import type { SecretBox } from '../../core/keys.js';
import type { StationRole } from '../organizations/group-settings.js';
import type { SurveyOutbox } from './outbox.js';

/**
 * The providers a station that sends itself uses, one per channel, their
 * settings sealed under the station's key (they hold credentials) and
 * never synced: an enrolled group's credentials live at the hub.
 */
export class NotificationProviders {
  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
    private readonly secrets: SecretBox,
    private readonly outbox: SurveyOutbox,
    private readonly stationRole: () => StationRole,
  ) {}

  private row(channel: SurveyChannel): NotificationProvidersTable | undefined {
    return this.store.statement('SELECT * FROM notification_providers WHERE channel = ? AND deleted_at IS NULL').get(channel) as
      NotificationProvidersTable | undefined;
  }

  private view(channel: SurveyChannel): NotificationProviderView {
    const row = this.row(channel);
    const settings = this.outbox.providerSettings(channel);
    return {
      channel,
      kind: settings?.kind ?? (row?.kind as NotificationProviderView['kind'] | undefined) ?? 'console',
      settings: settings ? { ...redactSettings(settings) } : {},
      configured: row !== undefined,
      readable: settings !== null,
    };
  }

  list() {
    return { sender: this.stationRole() === 'not_enrolled' ? ('station' as const) : ('hub' as const), providers: SURVEY_CHANNELS.map((c) => this.view(c)) };
  }

  set(caller: Caller, input: ParsedInput<'notificationProviders.set'>): NotificationProviderView {
    const merged = mergeSettings(this.outbox.providerSettings(input.channel), input.settings);
    if (!merged.success) {
      const refusal = validationError(merged.error);
      // the fields sit under `settings` in this call's input
      throw new AppError(
        'VALIDATION',
        'error.validation',
        refusal.fields.map((f) => ({ ...f, path: `settings.${f.path}` })),
      );
    }
    // SMTP sends no SMS, WhatsApp no email: refused here, not failed for good at the first message
    if (!senderFor(merged.data, { consoleLogPath: this.outbox.logPath }).channels.includes(input.channel)) {
      throw invalidField('settings.kind', 'field.invalid_choice');
    }
    const sealed = this.secrets.seal(JSON.stringify(merged.data));
    this.data.write(caller.actor, (tx) => {
      const row = this.row(input.channel);
      if (row) tx.update('notification_providers', row.id, { kind: merged.data.kind, settings: sealed, active: 1 }, 'notification_providers.set');
      else tx.insert('notification_providers', { channel: input.channel, kind: merged.data.kind, settings: sealed, active: 1 });
    });
    return this.view(input.channel);
  }

  /** One message through the channel's provider, now, to an address a person typed (their own): what the provider said. */
  async test(caller: Caller, input: ParsedInput<'notificationProviders.test'>, consoleLogPath: string) {
    const settings: ProviderSettings | null = this.outbox.providerSettings(input.channel);
    if (!settings) throw invalidField('channel', 'error.provider_unreadable');
    const to = input.channel === 'email' ? input.to : normalizePhone(input.to);
    if (typeof to !== 'string' && !to.ok) throw invalidField('to', 'field.phone');
    if (input.channel === 'email' && !/^[^\s@]+@[^\s@]+$/.test(input.to)) throw invalidField('to', 'field.email');
    const address = typeof to === 'string' ? to : to.e164;
    const body = input.language === 'ar' ? 'رسالة تجريبية من PX360: وصلت إعدادات المزوّد بنجاح.' : 'A test message from PX360: the provider settings work.';
    const result = await senderFor(settings, { consoleLogPath }).send({
      id: uuidv7(),
      channel: input.channel,
      to: address,
      language: input.language,
      body,
      subject: input.channel === 'email' ? body : null,
      link: 'https://example.invalid/s/test',
      optOutLink: null,
      whatsApp: input.channel === 'whatsapp' ? { templateName: 'px360_provider_test', bodyParameters: [], buttonSuffix: 'test' } : null,
    });
    this.data.write(caller.actor, (tx) =>
      tx.record({
        action: 'notification_providers.test',
        entityType: 'notification_providers',
        entityId: null,
        hospitalId: null,
        after: { channel: input.channel, kind: settings.kind, outcome: result.outcome },
      }),
    );
    return { outcome: result.outcome, reason: result.outcome === 'sent' ? null : result.reason };
  }
}
