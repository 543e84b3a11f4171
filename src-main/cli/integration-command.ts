import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import { contract } from '../../src-shared/contract/index.js';
import { validationError } from '../../src-shared/errors.js';
import type { StationCore } from '../core/station.js';
import { hospitalCodesOf, mllpPeersOf } from '../domains/integrations/admission.js';
import { STATION_MANAGER } from '../domains/integrations/sources.js';

/** The flags of `integration add` (src-main/cli/station.ts parses them). */
export interface IntegrationFlags {
  readonly name?: string | undefined;
  readonly 'source-system'?: string | undefined;
  readonly signed?: boolean | undefined;
  readonly 'rate-limit'?: string | undefined;
  readonly hospital?: readonly string[] | undefined;
  readonly 'mllp-peer'?: readonly string[] | undefined;
  readonly 'mllp-client-cert'?: string | undefined;
}

export const INTEGRATION_HELP = `  integration add       add an integration source; prints its token once:
                        --name "Hospital HIS" --source-system HIS [--signed]
                        [--rate-limit N events/minute]
                        --hospital CODE (repeat: the hospitals it sends for;
                        none: it is refused until bound in the console)
                        [--mllp-peer ADDRESS-OR-CIDR (repeat; none: no MLLP)]
                        [--mllp-client-cert FILE (PEM: its MLLP must present it)]
  integration list      the sources: token hints, hospitals, MLLP peers`;

/**
 * `integration add` and `integration list`, as the station itself (the whole
 * group's authority). Answers the lines to print, or throws a message for
 * the operator (the caller exits 2 with it).
 */
export function integrationCommand(core: StationCore, sub: string | undefined, flags: IntegrationFlags): string[] {
  if (sub === 'list') {
    return core.sources.list(STATION_MANAGER).map((source) => {
      const hospitals = hospitalCodesOf(source);
      const peers = mllpPeersOf(source);
      return [
        `${source.source_system.padEnd(10)} ${source.name} — token …${source.token_hint}${source.hmac_secret ? ', signed' : ''}${source.enabled ? '' : ', DISABLED'}`,
        `hospitals: ${hospitals.length ? hospitals.join(', ') : 'none (refused until bound)'}`,
        `MLLP: ${peers.length ? peers.join(', ') : 'off'}${source.mllp_cert_sha256 ? ', client certificate pinned' : ''}`,
      ].join('; ');
    });
  }
  if (sub !== 'add' || !flags.name || !flags['source-system']) throw new Error('integration add needs --name NAME --source-system CODE [--hospital CODE …]');
  const certificate = flags['mllp-client-cert'] ? fingerprintOf(flags['mllp-client-cert']) : null;
  const input = contract['integrations.create'].input.safeParse({
    name: flags.name,
    sourceSystem: flags['source-system'],
    signed: flags.signed ?? false,
    ...(flags['rate-limit'] ? { rateLimitPerMinute: Number(flags['rate-limit']) } : {}),
    hospitalCodes: flags.hospital ?? [],
    mllpPeers: flags['mllp-peer'] ?? [],
    mllpCertSha256: certificate,
  });
  if (!input.success) throw validationError(input.error);
  const issued = core.sources.create(STATION_MANAGER, { ...input.data, withHmac: input.data.signed });
  const hospitals = hospitalCodesOf(issued.source);
  return [
    `Integration source ${issued.source.source_system} added. Its token (shown only now):`,
    issued.token,
    ...(issued.hmacSecret ? [`HMAC secret (shown only now): ${issued.hmacSecret}`] : []),
    hospitals.length
      ? `It may send for: ${hospitals.join(', ')}.`
      : 'It is bound to no hospital yet: every event from it is refused until a PX admin binds it (Administration → Integrations).',
    ...(mllpPeersOf(issued.source).length ? [] : ['MLLP is off for it (no --mllp-peer).']),
  ];
}

/** The SHA-256 fingerprint of a PEM certificate file, as sources pin it. */
function fingerprintOf(file: string): string {
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the client certificate ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return new X509Certificate(pem).fingerprint256;
  } catch (error) {
    throw new Error(`${file} is not a PEM certificate.`, { cause: error });
  }
}
