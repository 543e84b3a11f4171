import type { ParsedInput, Patient } from '../../../src-shared/contract/index.js';
import { AppError, invalidField } from '../../../src-shared/errors.js';
import { normalizeNameForSearch, normalizePhone, westernDigits } from '../../../src-shared/identity.js';
import type { Caller } from '../../core/context.js';
import type { DataLayer } from '../../core/data-layer.js';
import type { PatientsTable } from '../../core/db/schema.js';
import type { Store } from '../../core/db/store.js';
import type { Page } from '../../core/paging.js';
import { toPatient } from './mappers.js';
import { activation, type StructureService } from './structure.js';

/** Counting every match of a one-letter name prefix among a million patients is not worth the wait. */
export const SEARCH_COUNT_CAP = 1000;

/** The FTS5 query for "every word of q, as a prefix". Tokens are letters and digits only. */
export function namePrefixQuery(q: string): string | null {
  const tokens = normalizeNameForSearch(q).split(' ').filter(Boolean).slice(0, 6);
  return tokens.length === 0 ? null : tokens.map((t) => `"${t}"*`).join(' ');
}

export interface PatientSearch {
  q?: string | undefined;
  hospitalId?: string | null | undefined;
  active?: boolean | undefined;
  page: number;
  pageSize: number;
}

/** Patients belong to a hospital; MRN is unique within it. */
export class PatientsService {
  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
    private readonly structure: StructureService,
  ) {}

  private visible(caller: Caller, id: string): PatientsTable {
    const row = this.store.first(this.store.db.selectFrom('patients').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
    if (!row) throw new AppError('NOT_FOUND', 'error.not_found');
    if (!caller.scope.canSeeHospital(row.hospital_id)) throw new AppError('FORBIDDEN', 'error.out_of_scope');
    return row;
  }

  get(caller: Caller, id: string): Patient {
    return toPatient(this.visible(caller, id));
  }

  search(caller: Caller, filter: ParsedInput<'patients.search'>): Page<Patient> {
    if (filter.hospitalId && !caller.scope.canSeeHospital(filter.hospitalId)) throw new AppError('FORBIDDEN', 'error.out_of_scope');
    return this.find({ ...filter, hospitalId: filter.hospitalId ?? caller.scope.hospitalFilter });
  }

  /**
   * Exact identifiers first (MRN, national ID/iqama, phone — each an index
   * lookup), then name-word prefixes in Arabic or English through FTS5.
   * No scope check here: `search` is the scoped entry point.
   */
  find(filter: PatientSearch): Page<Patient> {
    const where: string[] = ['p.deleted_at IS NULL'];
    const params: unknown[] = [];
    if (filter.hospitalId) {
      where.push('p.hospital_id = ?');
      params.push(filter.hospitalId);
    }
    if (filter.active !== undefined) {
      where.push('p.active = ?');
      params.push(filter.active ? 1 : 0);
    }
    const q = westernDigits(filter.q?.trim() ?? '');
    let source = 'patients p';
    const sourceParams: unknown[] = [];
    if (q) {
      const matches: string[] = ['SELECT rowid FROM patients WHERE mrn = ?', 'SELECT rowid FROM patients WHERE national_id = ?'];
      sourceParams.push(q, q);
      // MRNs are often typed in lower case at the desk
      const mrnUpper = q.toUpperCase();
      if (mrnUpper !== q) {
        matches.push('SELECT rowid FROM patients WHERE mrn = ?');
        sourceParams.push(mrnUpper);
      }
      const phone = normalizePhone(q);
      if (phone) {
        matches.push('SELECT rowid FROM patients WHERE phone = ?');
        sourceParams.push(phone);
      }
      const names = namePrefixQuery(q);
      if (names) {
        matches.push('SELECT rowid FROM patients_fts WHERE patients_fts MATCH ?');
        sourceParams.push(names);
      }
      // The matches drive the query, in rowid order: SQLite merges the UNION
      // arms (each in rowid order, FTS5 natively) and streams them, so the
      // count stops at the cap and a page stops at its last row. CROSS JOIN
      // keeps that order of loops; with a plain JOIN the planner may instead
      // walk a whole hospital's patients through patients_hospital (about 0.5 s
      // at a million patients), and ORDER BY p.rowid would sort every match.
      source = `(${matches.join(' UNION ')}) m CROSS JOIN patients p ON p.rowid = m.rowid`;
    }
    const sqlWhere = where.join(' AND ');
    const allParams = [...sourceParams, ...params];
    const total = this.store
      .statement(`SELECT count(*) FROM (SELECT 1 FROM ${source} WHERE ${sqlWhere} LIMIT ${SEARCH_COUNT_CAP + 1})`)
      .pluck()
      .get(...allParams) as number;
    const order = q ? 'm.rowid' : 'p.rowid DESC';
    const rows = this.store
      .statement(`SELECT p.* FROM ${source} WHERE ${sqlWhere} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .all(...allParams, filter.pageSize, (filter.page - 1) * filter.pageSize) as PatientsTable[];
    return { items: rows.map(toPatient), total, page: filter.page, pageSize: filter.pageSize };
  }

  private checkUnique(hospitalId: string, mrn: string, exceptId: string | null): void {
    if (this.store.statement('SELECT 1 FROM patients WHERE mrn = ? AND hospital_id = ? AND id IS NOT ?').get(mrn, hospitalId, exceptId)) {
      throw invalidField('mrn', 'field.taken');
    }
  }

  create(caller: Caller, input: ParsedInput<'patients.create'>): Patient {
    this.structure.visibleHospital(caller, input.hospitalId);
    return this.data.write(caller.actor, (tx) => {
      this.checkUnique(input.hospitalId, input.mrn, null);
      return toPatient(
        tx.insert('patients', {
          hospital_id: input.hospitalId,
          mrn: input.mrn,
          national_id: input.nationalId ?? null,
          name_en: input.nameEn,
          name_ar: input.nameAr,
          phone: input.phone ?? null,
          email: input.email ?? null,
          preferred_language: input.preferredLanguage,
          birth_date: input.birthDate ?? null,
          gender: input.gender ?? null,
          active: 1,
        }),
      );
    });
  }

  update(caller: Caller, input: ParsedInput<'patients.update'>): Patient {
    const row = this.visible(caller, input.id);
    return this.data.write(caller.actor, (tx) => {
      if (input.mrn) this.checkUnique(row.hospital_id, input.mrn, row.id);
      return toPatient(
        tx.update('patients', row.id, {
          mrn: input.mrn,
          national_id: input.nationalId,
          name_en: input.nameEn,
          name_ar: input.nameAr,
          phone: input.phone,
          email: input.email,
          preferred_language: input.preferredLanguage,
          birth_date: input.birthDate,
          gender: input.gender,
        }),
      );
    });
  }

  setActive(caller: Caller, id: string, active: boolean): Patient {
    const row = this.visible(caller, id);
    return toPatient(this.data.write(caller.actor, (tx) => tx.update('patients', row.id, { active: active ? 1 : 0 }, activation('patients', active))));
  }
}
