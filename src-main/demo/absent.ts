import type { StationCore } from '../core/station.js';

/**
 * What the packaged app's CLI has in place of src-main/demo/seed-demo.ts
 * (scripts/main-bundles.ts swaps it in): demo users with a published
 * password and synthetic patients are for evaluation copies, never for an
 * installation at a hospital.
 */
export async function seedDemo(_core: StationCore, _options: { patients: number; log: (line: string) => void }): Promise<string> {
  throw new Error('seed-demo is not part of this installation: demo data is for evaluation copies run from the source.');
}
