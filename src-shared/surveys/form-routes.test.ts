import { describe, expect, it } from 'vitest';
import { isLinkPreview } from './form-routes.js';

describe('isLinkPreview', () => {
  it.each([
    ['WhatsApp fetching a card', 'WhatsApp/2.23.20.0 A'],
    [
      'iMessage (as Facebook and Twitter)',
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0',
    ],
    ['Telegram', 'TelegramBot (like TwitterBot)'],
    ['Slack', 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)'],
    ['Google', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'],
    ['Outlook', 'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)'],
    ['a generic crawler', 'SomeCrawler crawler 1.0'],
  ])('%s is a preview', (_name, agent) => {
    expect(isLinkPreview(agent)).toBe(true);
  });

  it.each([
    ['an iPhone', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'],
    [
      'a Samsung phone',
      'Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
    ],
    ['a phone named Cubot', 'Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36'],
    ['no user agent', undefined],
  ])('%s is a patient', (_name, agent) => {
    expect(isLinkPreview(agent)).toBe(false);
  });
});
