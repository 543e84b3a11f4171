import type { GroupSettings, ParsedInput } from '../../../src-shared/contract/index.js';
import { AppError } from '../../../src-shared/errors.js';
import type { GroupSettingsTable } from '../../../src-shared/tables/index.js';
import { type Actor, SYSTEM_ACTOR } from '../../core/audit-log.js';
import type { Caller } from '../../core/context.js';
import { builtInId, type DataLayer } from '../../core/data-layer.js';
import type { Store } from '../../core/db/store.js';

/** One row, the same id on every station. */
export const GROUP_SETTINGS_ID = builtInId('px360.group_settings');

/** What this station is to the hub: its enrolment's scope, or not enrolled (src-main/sync). */
export type StationRole = 'group' | 'hospital' | 'not_enrolled';

/** What a refused change of group configuration was, for its audit entry. */
export interface GroupChange {
  /** the action refused (the audit entry says `<action>_refused`) */
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string | null;
  /** what the person is told */
  readonly key: 'error.group_settings_here' | 'error.group_config_here';
}

/**
 * Group configuration is changed on a group station: a hospital's station
 * holds it but the hub (and the other stations) would refuse its change
 * as out of scope. Refused there at once, bilingual and audited, rather than
 * held as a change the group never sees.
 */
export function refuseGroupChangeOnHospitalStation(data: DataLayer, role: StationRole, actor: Actor, change: GroupChange): void {
  if (role !== 'hospital') return;
  data.write(actor, (tx) =>
    tx.record({
      action: `${change.action}_refused`,
      entityType: change.entityType,
      entityId: change.entityId,
      hospitalId: null,
      after: { reason: change.key },
    }),
  );
  throw new AppError('CONFLICT', change.key);
}

/**
 * The group's own settings: one synced row of group configuration. Every
 * station makes it at start with the defaults, as built-in roles are made
 * (not sent: only changes travel, and any change's stamp beats the defaults),
 * so each station has settings before it ever hears from the hub. Only a
 * group station's changes are taken by the hub and by the stations
 * (src-main/sync/apply.ts), so a hospital's station refuses to change them
 * here rather than hold a setting the group will never see.
 */
export class GroupSettingsService {
  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
    private readonly stationRole: () => StationRole,
  ) {}

  /** Makes the row with the defaults if this station has none yet. */
  ensure(actor: Actor = SYSTEM_ACTOR): void {
    if (this.row()) return;
    this.data.write(actor, (tx) => tx.insertBuiltIn('group_settings', { id: GROUP_SETTINGS_ID, require_admin_totp: 0 }));
  }

  private row(): GroupSettingsTable | undefined {
    return this.store.first(this.store.db.selectFrom('group_settings').selectAll().where('id', '=', GROUP_SETTINGS_ID));
  }

  current(): GroupSettings {
    const row = this.row();
    return { requireAdminTotp: row?.require_admin_totp === 1, updatedAt: row?.updated_at ?? new Date(0).toISOString() };
  }

  update(caller: Caller, input: ParsedInput<'groupSettings.update'>): GroupSettings {
    refuseGroupChangeOnHospitalStation(this.data, this.stationRole(), caller.actor, {
      action: 'group_settings.update',
      entityType: 'group_settings',
      entityId: GROUP_SETTINGS_ID,
      key: 'error.group_settings_here',
    });
    this.ensure(caller.actor);
    this.data.write(caller.actor, (tx) => tx.update('group_settings', GROUP_SETTINGS_ID, { require_admin_totp: input.requireAdminTotp ? 1 : 0 }));
    return this.current();
  }
}
