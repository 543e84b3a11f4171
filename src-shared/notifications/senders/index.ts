import { createConsoleSender } from './console-sender.js';
import type { AttemptOptions, NotificationSender } from './outbound.js';
import type { ProviderSettings } from './settings.js';
import { createSmtpSender } from './smtp-sender.js';
import { createUnifonicSender } from './unifonic-sender.js';
import { createWebhookSender } from './webhook-sender.js';
import { createWhatsAppSender } from './whatsapp-sender.js';

/**
 * The sender for a provider's settings (already parsed: settings.ts), as
 * the hub's outbox and a station that sends itself both build it.
 */

export interface SenderOptions extends AttemptOptions {
  /** where the console provider writes: `<data-dir>/logs/notifications.jsonl` */
  readonly consoleLogPath: string;
}

export function senderFor(settings: ProviderSettings, options: SenderOptions): NotificationSender {
  switch (settings.kind) {
    case 'console':
      return createConsoleSender(options.consoleLogPath);
    case 'smtp':
      return createSmtpSender(settings, options);
    case 'unifonic':
      return createUnifonicSender(settings, options);
    case 'webhook':
      return createWebhookSender(settings, options);
    case 'whatsapp':
      return createWhatsAppSender(settings, options);
  }
}
