import type { JourneyType } from '../../../src-shared/his-events.js';
import type { Store } from '../../core/db/store.js';
import type { ActiveTemplate, JourneyTemplates } from '../journeys/templates.js';

/** Reference lookups for one batch: a hundred events of one clinic ask for the same department once. */
export class ReferenceCache {
  private readonly hospitals = new Map<string, { id: string } | null>();
  private readonly departments = new Map<string, string | null>();
  private readonly physicians = new Map<string, string | null>();
  private readonly templates = new Map<string, ActiveTemplate | null>();

  constructor(
    private readonly store: Store,
    private readonly journeyTemplates: JourneyTemplates,
  ) {}

  private memo<K, V>(map: Map<K, V>, key: K, load: () => V): V {
    if (!map.has(key)) map.set(key, load());
    return map.get(key)!;
  }

  hospital(code: string): { id: string } | null {
    return this.memo(
      this.hospitals,
      code,
      () =>
        (this.store.statement('SELECT id FROM hospitals WHERE code = ? AND deleted_at IS NULL').get(code.toUpperCase()) as { id: string } | undefined) ?? null,
    );
  }

  department(hospitalId: string, code: string): string | null {
    return this.memo(
      this.departments,
      `${hospitalId}/${code}`,
      () =>
        (this.store
          .statement('SELECT id FROM departments WHERE hospital_id = ? AND code = ? AND deleted_at IS NULL')
          .pluck()
          .get(hospitalId, code.toUpperCase()) as string | undefined) ?? null,
    );
  }

  physician(license: string): string | null {
    return this.memo(
      this.physicians,
      license,
      () =>
        (this.store.statement('SELECT id FROM physicians WHERE license_number = ? AND deleted_at IS NULL').pluck().get(license) as string | undefined) ?? null,
    );
  }

  template(hospitalId: string, journeyType: JourneyType): ActiveTemplate | null {
    return this.memo(this.templates, `${hospitalId}/${journeyType}`, () => this.journeyTemplates.active(hospitalId, journeyType));
  }

  /** An encounter already on a journey keeps its type (a lab result names no type). */
  journeyTypeOf(hospitalId: string, encounterId: string): JourneyType | null {
    return (
      (this.store.statement('SELECT journey_type FROM journey_instances WHERE hospital_id = ? AND encounter_id = ?').pluck().get(hospitalId, encounterId) as
        JourneyType | undefined) ?? null
    );
  }
}
