import { z } from 'zod';
import type { GroupOverview } from '../../src-shared/contract/group.js';
import { GROUP_COUNTED, type GroupCounted, type GroupCounts, type HospitalNames, mergeGroupFigures, zeroCounts } from '../../src-shared/group-figures.js';
import { groupSummarySchema } from '../../src-shared/hub-api.js';
import { type MessageKey, renderMessage } from '../../src-shared/messages.js';
import type { Store } from '../core/db/store.js';
import { HubClient, HubError } from './client.js';
import type { Enrolment, SyncState } from './state.js';

/** The hub's last answer as kept in `sync_state`: read back through zod, like anything else from disk. */
const lastAnswerSchema = z.object({ fetchedAt: z.string(), summary: groupSummarySchema });
type HubAnswer = z.infer<typeof lastAnswerSchema>;

type HubProblem = Extract<
  MessageKey,
  'sync.not_enrolled' | 'sync.hospital_station' | 'sync.revoked' | 'sync.unreachable' | 'sync.untrusted_hub' | 'sync.hub_error'
>;

// One statement over every counted table; the table names come from GROUP_COUNTED, never from input.
const STATION_COUNTS_SQL = GROUP_COUNTED.map(
  (table) => `SELECT '${table}' AS tbl, hospital_id, count(*) AS n FROM ${table} WHERE deleted_at IS NULL AND hospital_id IS NOT NULL GROUP BY hospital_id`,
).join(' UNION ALL ');

function problemOf(error: HubError): HubProblem {
  // the hub knows this station as a hospital station, whatever this station remembers
  if (error.status === 403) return 'sync.hospital_station';
  if (error.reason === 'revoked' || error.reason === 'unreachable' || error.reason === 'untrusted_hub') return `sync.${error.reason}`;
  return 'sync.hub_error';
}

/**
 * The group overview: records per hospital as the hub counts them — the
 * authority, which holds rows this station may not have pulled yet — and as
 * this station holds them. The hub's last good answer is kept, so a station
 * cut off from the hub still shows it, marked with its age and the reason.
 */
export class GroupView {
  constructor(
    private readonly store: Store,
    private readonly state: SyncState,
    private readonly clock: () => number,
    private readonly log: (line: string) => void,
  ) {}

  async overview(): Promise<GroupOverview> {
    const enrolment = this.state.enrolment();
    const hub = await this.hubFigures(enrolment);
    const now = this.clock();
    let hospitals = mergeGroupFigures(hub.answer?.summary.hospitals ?? null, this.stationFigures());
    // A hospital station is sent every hospital's row but only its own hospital's records: the others would read as zeros they are not.
    if (enrolment?.scope.kind === 'hospital') {
      const own = enrolment.scope.hospitalId;
      hospitals = hospitals.filter((h) => h.hospitalId === own);
    }
    return {
      hub: {
        state: hub.state,
        fetchedAt: hub.answer?.fetchedAt ?? null,
        ageMs: hub.answer ? Math.max(0, now - Date.parse(hub.answer.fetchedAt)) : null,
        problem: hub.problem ? { key: hub.problem, message: renderMessage(hub.problem) } : null,
      },
      countedAt: new Date(now).toISOString(),
      hospitals,
    };
  }

  /** The hub's figures now, or its last answer when it cannot give them. */
  private async hubFigures(
    enrolment: Enrolment | null,
  ): Promise<{ state: GroupOverview['hub']['state']; answer: HubAnswer | null; problem: HubProblem | null }> {
    if (!enrolment) return { state: 'none', answer: null, problem: 'sync.not_enrolled' };
    // the hub refuses a hospital station's token: no need to ask
    if (enrolment.scope.kind !== 'group') return { state: 'none', answer: null, problem: 'sync.hospital_station' };
    try {
      const summary = await new HubClient(enrolment.hubUrl, enrolment.token).groupSummary();
      const answer = { fetchedAt: new Date(this.clock()).toISOString(), summary };
      this.state.set('group_summary', JSON.stringify(answer));
      return { state: 'fresh', answer, problem: null };
    } catch (error) {
      if (!(error instanceof HubError)) throw error;
      this.log(`group view: no figures from the hub (${error.reason}): ${error.message}`);
      const answer = this.lastAnswer();
      return { state: answer ? 'cached' : 'none', answer, problem: problemOf(error) };
    }
  }

  private lastAnswer(): HubAnswer | null {
    const stored = this.state.get('group_summary');
    if (stored === null) return null;
    try {
      const parsed = lastAnswerSchema.safeParse(JSON.parse(stored));
      if (parsed.success) return parsed.data;
    } catch {
      // unreadable: as if there were none
    }
    this.log('group view: the stored hub figures are unreadable; ignored');
    return null;
  }

  /** Non-deleted rows per hospital on this station: a group station holds every hospital's synced data. */
  private stationFigures(): { hospitals: HospitalNames[]; counts: Map<string, GroupCounts> } {
    const counts = new Map<string, GroupCounts>();
    for (const row of this.store.statement(STATION_COUNTS_SQL).all() as { tbl: GroupCounted; hospital_id: string; n: number }[]) {
      let entry = counts.get(row.hospital_id);
      if (!entry) counts.set(row.hospital_id, (entry = zeroCounts()));
      entry[row.tbl] = row.n;
    }
    // read after the counts: a counted row's hospital is written before it, so it is found here
    const hospitals = this.store
      .statement('SELECT id AS hospitalId, code, name_en AS nameEn, name_ar AS nameAr FROM hospitals WHERE deleted_at IS NULL')
      .all() as HospitalNames[];
    return { hospitals, counts };
  }
}
