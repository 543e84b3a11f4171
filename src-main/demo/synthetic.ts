import { withSaudiIdCheckDigit } from '../../src-shared/identity.js';
import type { NewRow } from '../core/data-layer.js';
import { FAMILY, FEMALE_FIRST, MALE_FIRST } from './names.js';

/** A small seeded PRNG (mulberry32): the same seed gives the same demo group every time. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

function digits(random: () => number, count: number): string {
  let out = '';
  for (let i = 0; i < count; i += 1) out += Math.floor(random() * 10);
  return out;
}

export interface SyntheticPerson {
  nameEn: string;
  nameAr: string;
  gender: 'M' | 'F';
}

export function syntheticPerson(random: () => number): SyntheticPerson {
  const gender = random() < 0.5 ? 'M' : 'F';
  const [firstAr, firstEn] = pick(random, gender === 'M' ? MALE_FIRST : FEMALE_FIRST);
  const [fatherAr, fatherEn] = pick(random, MALE_FIRST);
  const [familyAr, familyEn] = pick(random, FAMILY);
  return { gender, nameAr: `${firstAr} ${fatherAr} ${familyAr}`, nameEn: `${firstEn} ${fatherEn} ${familyEn}` };
}

/**
 * `count` patients spread over `hospitalIds`, MRNs `MRN-<n>` unique per
 * hospital from `firstNumber`, valid national IDs (80%) and iqamas (20%),
 * Saudi mobile numbers, birth dates from 1940 to 2024.
 */
export function syntheticPatients(count: number, hospitalIds: readonly string[], seed = 2026, firstNumber = 100_000): NewRow<'patients'>[] {
  const random = prng(seed);
  const rows: NewRow<'patients'>[] = [];
  for (let i = 0; i < count; i += 1) {
    const person = syntheticPerson(random);
    const birth = new Date(Date.UTC(1940, 0, 1) + Math.floor(random() * 84 * 365.25) * 86_400_000);
    rows.push({
      hospital_id: hospitalIds[i % hospitalIds.length]!,
      mrn: `MRN-${firstNumber + i}`,
      national_id: withSaudiIdCheckDigit(`${random() < 0.8 ? '1' : '2'}${digits(random, 8)}`),
      name_en: person.nameEn,
      name_ar: person.nameAr,
      phone: `+9665${digits(random, 8)}`,
      email: random() < 0.4 ? `patient${firstNumber + i}@example.sa` : null,
      preferred_language: random() < 0.85 ? 'ar' : 'en',
      birth_date: birth.toISOString().slice(0, 10),
      gender: person.gender,
      active: 1,
    });
  }
  return rows;
}
