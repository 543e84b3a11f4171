import fs from 'node:fs';
import { contract } from '../../src-shared/contract/index.js';
import { validationError } from '../../src-shared/errors.js';
import type { Actor } from '../core/audit-log.js';
import { Scope } from '../core/scope.js';
import type { StationCore } from '../core/station.js';

/** The flags of `surveys export` (src-main/cli/station.ts parses them). */
export interface SurveysFlags {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly format?: string | undefined;
  readonly hospital?: readonly string[] | undefined;
  readonly out?: string | undefined;
}

export const SURVEYS_HELP = `  surveys export        the survey responses, one row per survey with every answer:
                        [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format csv|json]
                        [--hospital CODE] [--out FILE (default: standard output)];
                        audited, as an export from the console is`;

/** Who exports from the command line, in the audit log: the operator at this station's console, with the group's reach. */
const CLI_ACTOR: Actor = { id: null, name: 'station command line' };

/**
 * `surveys export`: the same export as the console's (and the same audit
 * entry), over the whole group this station holds. Answers what to tell
 * the operator; the file goes to --out or standard output.
 */
export function surveysCommand(core: StationCore, sub: string | undefined, flags: SurveysFlags, write: (text: string) => void): string {
  if (sub !== 'export') throw new Error('surveys needs a subcommand: export');
  const hospitalCode = flags.hospital?.[0];
  const hospitalId = hospitalCode
    ? (core.store.statement('SELECT id FROM hospitals WHERE code = ? AND deleted_at IS NULL').pluck().get(hospitalCode.toUpperCase()) as string | undefined)
    : undefined;
  if (hospitalCode && !hospitalId) throw new Error(`No hospital has the code ${hospitalCode}.`);
  const input = contract['surveys.export'].input.safeParse({
    from: flags.from,
    to: flags.to,
    format: flags.format ?? 'csv',
    ...(hospitalId ? { hospitalId } : {}),
  });
  if (!input.success) {
    const fields = validationError(input.error).fields.map((f) => `--${f.path}: ${f.message.en} / ${f.message.ar}`);
    throw new Error(`Cannot export: ${fields.join('; ')}`);
  }
  const file = core.surveys.reports.export({ scope: Scope.resolve(core.store, 'group', null, null), actor: CLI_ACTOR }, input.data);
  if (flags.out) fs.writeFileSync(flags.out, file.body, { mode: 0o600 });
  else write(file.body);
  return `Exported ${file.rows} survey${file.rows === 1 ? '' : 's'} as ${input.data.format.toUpperCase()}${flags.out ? ` to ${flags.out}` : ''}.`;
}
