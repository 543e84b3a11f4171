import { describe, expect, it } from 'vitest';
import type { JourneyStage } from '../../../../src-shared/contract/index.js';
import { isEventCode } from '../../../../src-shared/his-events.js';
import { draftFrom, isDirty, moveStage, stageInput } from './stages.js';

describe('moveStage', () => {
  const stages = ['REGISTRATION', 'CONSULTATION', 'LAB', 'PHARMACY'];
  it.each([
    [1, -1, ['CONSULTATION', 'REGISTRATION', 'LAB', 'PHARMACY']],
    [1, 1, ['REGISTRATION', 'LAB', 'CONSULTATION', 'PHARMACY']],
    [3, -1, ['REGISTRATION', 'CONSULTATION', 'PHARMACY', 'LAB']],
    [0, -1, stages], // the first cannot go up
    [3, 1, stages], // the last cannot go down
    [7, -1, stages], // no such stage
  ] as const)('moves stage %i by %i', (index, delta, expected) => {
    expect(moveStage(stages, index, delta)).toEqual(expected);
  });

  it('leaves the list it was given alone', () => {
    const copy = [...stages];
    moveStage(stages, 1, 1);
    expect(stages).toEqual(copy);
  });
});

const saved: JourneyStage = {
  id: '0192f3a0-0000-7000-8000-000000000001',
  position: 1,
  code: 'REGISTRATION',
  nameEn: 'Registration',
  nameAr: 'التسجيل',
  triggerEventCode: 'OPD_REGISTERED',
  surveyTemplateId: null,
  autoSendSurvey: false,
  surveyDelayMinutes: 90,
  required: true,
};

describe('a stage in the builder', () => {
  it('is sent back with its id, so the station updates it rather than adding a new one, its survey delay kept', () => {
    expect(stageInput(draftFrom(saved, isEventCode))).toEqual({
      id: saved.id,
      code: 'REGISTRATION',
      nameEn: 'Registration',
      nameAr: 'التسجيل',
      triggerEventCode: 'OPD_REGISTERED',
      required: true,
      autoSendSurvey: false,
      surveyDelayMinutes: 90,
      surveyTemplateId: null,
    });
  });

  it('counts as a change when renamed, reordered or removed, and not when untouched', () => {
    const second = { ...saved, id: '0192f3a0-0000-7000-8000-000000000002', position: 2, code: 'CONSULTATION', triggerEventCode: 'OPD_VISIT_COMPLETED' };
    const template = { nameEn: 'Outpatient', nameAr: 'العيادات', stages: [saved, second] };
    const drafts = template.stages.map((s) => draftFrom(s, isEventCode));
    expect(isDirty(template, { ...template, stages: drafts })).toBe(false);
    expect(isDirty(template, { ...template, nameAr: 'العيادات الخارجية', stages: drafts })).toBe(true);
    expect(isDirty(template, { ...template, stages: moveStage(drafts, 1, -1) })).toBe(true);
    expect(isDirty(template, { ...template, stages: drafts.slice(1) })).toBe(true);
    expect(isDirty(template, { ...template, stages: drafts.map((d, i) => (i === 0 ? { ...d, required: false } : d)) })).toBe(true);
  });
});
