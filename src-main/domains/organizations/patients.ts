import type { ParsedInput, Patient } from '../../../src-shared/contract/index.js';
import { AppError, invalidField } from '../../../src-shared/errors.js';
import { normalizeNameForSearch, normalizePhone, westernDigits } from '../../../src-shared/identity.js';
import type { Caller } from '../../core/context.js';
import { activation, type DataLayer } from '../../core/data-layer.js';
import type { PatientsTable } from '../../core/db/schema.js';
import type { Store } from '../../core/db/store.js';
import type { Page } from '../../core/paging.js';
import { toPatient } from './mappers.js';
import type { StructureService } from './structure.js';

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
    caller.scope.checkRow('patients', row);
    return row;
  }

  get(caller: Caller, id: string): Patient {
    return toPatient(this.visible(caller, id));
  }

  search(caller: Caller, filter: ParsedInput<'patients.search'>): Page<Patient> {
    return this.find({ ...filter, hospitalId: caller.scope.hospitalFor(filter.hospitalId) });
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
    const sqlWhere = where.join(' AND ');
    const { total, rows } = q ? this.findMatching(q, sqlWhere, params, filter) : this.listNewestFirst(sqlWhere, params, filter);
    return { items: rows.map(toPatient), total, page: filter.page, pageSize: filter.pageSize };
  }

  private listNewestFirst(sqlWhere: string, params: readonly unknown[], paging: PatientSearch): { total: number; rows: PatientsTable[] } {
    const total = this.store
      .statement(`SELECT count(*) FROM (SELECT 1 FROM patients p WHERE ${sqlWhere} LIMIT ${SEARCH_COUNT_CAP + 1})`)
      .pluck()
      .get(...params) as number;
    const rows = this.store
      .statement(`SELECT p.* FROM patients p WHERE ${sqlWhere} ORDER BY p.rowid DESC LIMIT ? OFFSET ?`)
      .all(...params, paging.pageSize, (paging.page - 1) * paging.pageSize) as PatientsTable[];
    return { total, rows };
  }

  /**
   * The matches of `q` drive the query, in rowid order: SQLite merges the
   * UNION arms (each in rowid order, FTS5 natively) and streams them, so the
   * walk stops at the count cap. CROSS JOIN keeps that order of loops: with a
   * plain JOIN the planner may walk a whole hospital's patients through
   * patients_hospital instead (half a second at a million patients).
   *
   * The count and the page come from that one walk: the FTS5 query, the
   * costly part (a prefix of four letters or more expands every term that
   * starts with it), runs once. Only a page past the cap is fetched apart.
   */
  private findMatching(q: string, sqlWhere: string, params: readonly unknown[], paging: PatientSearch): { total: number; rows: PatientsTable[] } {
    const matches: string[] = ['SELECT rowid FROM patients WHERE mrn = ?', 'SELECT rowid FROM patients WHERE national_id = ?'];
    const matchParams: unknown[] = [q, q];
    // MRNs are often typed in lower case at the desk
    const mrnUpper = q.toUpperCase();
    if (mrnUpper !== q) {
      matches.push('SELECT rowid FROM patients WHERE mrn = ?');
      matchParams.push(mrnUpper);
    }
    const phone = normalizePhone(q);
    if (phone) {
      matches.push('SELECT rowid FROM patients WHERE phone = ?');
      matchParams.push(phone);
    }
    const names = namePrefixQuery(q);
    if (names) {
      matches.push('SELECT rowid FROM patients_fts WHERE patients_fts MATCH ?');
      matchParams.push(names);
    }
    const source = `(${matches.join(' UNION ')}) m CROSS JOIN patients p ON p.rowid = m.rowid WHERE ${sqlWhere} ORDER BY m.rowid`;
    const allParams = [...matchParams, ...params];
    const matched = this.store
      .statement(`SELECT m.rowid FROM ${source} LIMIT ${SEARCH_COUNT_CAP + 1}`)
      .pluck()
      .all(...allParams) as number[];
    const offset = (paging.page - 1) * paging.pageSize;
    if (matched.length > SEARCH_COUNT_CAP && offset + paging.pageSize > matched.length) {
      const rows = this.store.statement(`SELECT p.* FROM ${source} LIMIT ? OFFSET ?`).all(...allParams, paging.pageSize, offset) as PatientsTable[];
      return { total: matched.length, rows };
    }
    const pageIds = matched.slice(offset, offset + paging.pageSize);
    const rows =
      pageIds.length === 0
        ? []
        : (this.store
            .statement('SELECT * FROM patients WHERE rowid IN (SELECT value FROM json_each(?)) ORDER BY rowid')
            .all(JSON.stringify(pageIds)) as PatientsTable[]);
    return { total: matched.length, rows };
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
