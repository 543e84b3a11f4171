/**
 * What every PX360 server (the hub, and the station's console server and HIS
 * listener) allows a client, in one place: how long a request may take to
 * arrive whole (a body trickled a byte a second is cut off), how long an idle
 * connection is kept, and the TLS it speaks. Plain values: each server hands
 * them to Node's http/https/tls.
 */
export const SERVER_LIMITS = {
  /** the whole request, headers and body, must arrive within this */
  requestTimeoutMs: 60_000,
  /** the headers must arrive within this */
  headersTimeoutMs: 15_000,
  /** a connection that sends nothing for this long is closed */
  idleTimeoutMs: 120_000,
  /** a kept-alive connection between requests */
  keepAliveTimeoutMs: 10_000,
} as const;

export type ServerLimits = { readonly [K in keyof typeof SERVER_LIMITS]: number };

/**
 * TLS 1.2 and later only, and on 1.2 only forward-secret (ECDHE) suites with
 * authenticated encryption (GCM, ChaCha20-Poly1305): what OWASP ASVS and the
 * NCA's controls expect of a server carrying patient data. TLS 1.3's suites
 * all qualify and are left to OpenSSL.
 */
export const TLS_POLICY = {
  minVersion: 'TLSv1.2',
  ciphers: [
    'ECDHE-ECDSA-AES128-GCM-SHA256',
    'ECDHE-RSA-AES128-GCM-SHA256',
    'ECDHE-ECDSA-AES256-GCM-SHA384',
    'ECDHE-RSA-AES256-GCM-SHA384',
    'ECDHE-ECDSA-CHACHA20-POLY1305',
    'ECDHE-RSA-CHACHA20-POLY1305',
  ].join(':'),
  honorCipherOrder: true,
} as const;

/** Sent over HTTPS: browsers and clients remember to use HTTPS only (a year). */
export const HSTS_HEADER = 'max-age=31536000';
