import { describe, expect, it } from 'vitest';
import { messageReason } from './reasons.js';

describe('messageReason', () => {
  it.each([
    ['opted_out', 'طلب المريض عدم تلقي الاستبيانات'],
    ['fatigue', 'إرهاق المريض'],
    ['expired', 'انتهت صلاحية'],
    ['No valid mobile number', 'رقم جوال صالح'],
    ["The sms provider's settings cannot be read: set them again", 'مزوّد sms'],
    ["The sms provider's settings cannot be read on this hub: set them again", 'مزوّد sms'],
    ['No provider sends whatsapp', 'عبر whatsapp'],
  ])('reads %s in Arabic', (error, arabic) => {
    expect(messageReason(error)?.ar).toContain(arabic);
    expect(messageReason(error)?.en.length).toBeGreaterThan(0);
  });

  it.each(['HTTP 503: maintenance', 'Unifonic: Undeliverable', 'WhatsApp 131026: Message undeliverable', '', 'constructor', 'toString'])(
    'leaves the provider’s own words alone: %s',
    (error) => {
      expect(messageReason(error)).toBeNull();
    },
  );
});
