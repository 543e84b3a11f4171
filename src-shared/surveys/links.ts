import { createHash, createHmac } from 'node:crypto';

/**
 * Survey links (docs/surveys-design.md). A link's token is derived from the
 * instance id with the issuer's link key, never stored: the issuer keeps
 * only its hash, to find the instance a token names. 22 base64url
 * characters carry 132 bits, of which the first 128 are the HMAC's.
 */
export const TOKEN_LENGTH = 22;
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** The token of an instance's link: the same every time, so a reminder carries the link the invitation did. */
export function surveyToken(linkKey: Buffer, instanceId: string): string {
  return createHmac('sha256', linkKey).update(`px360 survey link v1\n${instanceId}`).digest('base64url').slice(0, TOKEN_LENGTH);
}

/** What the issuer stores to find an instance by its token (SHA-256, hex). */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The public path of a link (on the hub, or the station's listener for kiosks). */
export function surveyPath(token: string): string {
  return `/s/${token}`;
}

/** The whole link, from the issuer's public address. */
export function surveyLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${surveyPath(token)}`;
}

/** A mobile number as a message log may show it: the country code and the last three digits. */
export function recipientHint(to: string): string {
  if (to.includes('@')) {
    const [name = '', domain = ''] = to.split('@');
    return `${name.slice(0, 1)}•••@${domain}`;
  }
  return to.length <= 7 ? '•••' : `${to.slice(0, 4)}•••••${to.slice(-3)}`;
}
