import { createHash } from 'node:crypto';
import nodemailer, { type NodemailerError, type SendMailOptions } from 'nodemailer';
import {
  type AttemptOptions,
  failed,
  type NotificationSender,
  notificationSender,
  type OutboundMessage,
  retry,
  SEND_TIMEOUT_MS,
  type SendResult,
  sent,
} from './outbound.js';
import type { SettingsOf } from './settings.js';

/**
 * Survey invitations by email through the hospital's own mail server
 * (research notes §4.4). One connection per message, no pool: invitations
 * leave a few at a time through the outbox, and a pooled connection left
 * idle between them would hold a socket open to the mail server for nothing.
 * The server's certificate is checked (nodemailer's default): a relay
 * with a private CA needs that CA trusted by the machine, not a switch here.
 */

export function createSmtpSender(settings: SettingsOf<'smtp'>, options: AttemptOptions = {}): NotificationSender {
  const timeoutMs = options.timeoutMs ?? SEND_TIMEOUT_MS;
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    auth: settings.user && settings.password ? { user: settings.user, pass: settings.password } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
    // the message is built from strings only: nothing in it may make the mailer fetch a URL or read a file
    disableUrlAccess: true,
    disableFileAccess: true,
  });
  return notificationSender('smtp', ['email'], async (message) => {
    try {
      const info = await transport.sendMail(mailOf(message, settings));
      return sent(info.messageId);
    } catch (error) {
      return judgeSmtpError(error, [settings.password]);
    }
  });
}

/** The email of one message: plain text always, and for Arabic an HTML part that says it is right-to-left. */
function mailOf(message: OutboundMessage, settings: Pick<SettingsOf<'smtp'>, 'fromAddress' | 'fromName'>): SendMailOptions {
  return {
    from: { name: settings.fromName, address: settings.fromAddress },
    to: message.to,
    subject: message.subject ?? undefined,
    messageId: messageIdOf(message.id, settings.fromAddress),
    text: message.body,
    html: message.language === 'ar' ? arabicHtml(message) : undefined,
    headers: {
      'X-PX360-Message-Id': message.id,
      // RFC 8058 one-click: a mail client's unsubscribe button posts to the opt-out link without opening it
      ...(message.optOutLink ? { 'List-Unsubscribe': `<${message.optOutLink}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
    },
    disableUrlAccess: true,
    disableFileAccess: true,
  };
}

/**
 * The Message-ID of our message id: the same on every attempt, so a retry
 * after a lost answer is the same email to the receiving server and to
 * the patient's client (which shows it once), not a second invitation.
 */
function messageIdOf(id: string, fromAddress: string): string {
  const domain = fromAddress.slice(fromAddress.lastIndexOf('@') + 1) || 'px360.invalid';
  const local = /^[A-Za-z0-9._-]{1,64}$/.test(id) ? id : createHash('sha256').update(id).digest('hex').slice(0, 32);
  return `<px360.${local}@${domain}>`;
}

/**
 * Many mail clients show plain text in Arabic left-aligned and out of
 * order; this part carries `dir="rtl"` so it reads as written. The survey
 * and opt-out links become links; everything else is escaped text.
 */
function arabicHtml(message: OutboundMessage): string {
  let body = escapeHtml(message.body).replace(/\r?\n/g, '<br>');
  for (const link of [message.link, message.optOutLink]) {
    if (!link || !/^https?:\/\//.test(link)) continue;
    const escaped = escapeHtml(link);
    body = body.split(escaped).join(`<a href="${escaped}">${escaped}</a>`);
  }
  return `<!doctype html><html dir="rtl" lang="ar"><head><meta charset="utf-8"></head><body dir="rtl"><p>${body}</p></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * RFC 5321: a 5yz reply refuses the message for good (a mailbox that does
 * not exist, a message the server will not take), a 4yz reply asks for a
 * later try. Refused credentials are the settings' fault, not the
 * message's, and a connection that failed said nothing about the message:
 * both are retried.
 */
function judgeSmtpError(error: unknown, secrets: readonly (string | null)[]): SendResult {
  if (!(error instanceof Error)) return retry(`SMTP error: ${String(error)}`, secrets);
  const smtp: NodemailerError = error;
  const reply = smtp.response ?? smtp.message;
  if (smtp.code === 'EAUTH' || smtp.code === 'ENOAUTH') return retry(`The mail server refused the sign-in: ${reply}`, secrets);
  if (smtp.responseCode !== undefined && smtp.responseCode >= 500 && smtp.responseCode < 600) return failed(reply, secrets);
  if (smtp.responseCode !== undefined) return retry(reply, secrets);
  return retry(`No answer from the mail server: ${smtp.code ?? 'error'} ${smtp.message}`, secrets);
}
