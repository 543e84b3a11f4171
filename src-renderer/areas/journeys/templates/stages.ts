import type { CallInput, JourneyStage } from '../../../../src-shared/contract/index.js';
import type { EventCode } from '../../../../src-shared/his-events.js';

/** A stage as the builder edits it: `key` tells rows apart before a new stage has an id. */
export interface DraftStage {
  key: string;
  id?: string;
  code: string;
  nameEn: string;
  nameAr: string;
  triggerEventCode: EventCode | '';
  required: boolean;
  autoSendSurvey: boolean;
  /** kept as the station holds it: the survey work edits it (saving the stages must not reset it) */
  surveyDelayMinutes: number;
  surveyTemplateId: string | null;
}

export type StageInput = NonNullable<CallInput<'journeyTemplates.update'>['stages']>[number];

let counter = 0;
export function newStageKey(): string {
  counter += 1;
  return `new-${counter}`;
}

export function draftFrom(stage: JourneyStage, isEventCode: (code: string) => code is EventCode): DraftStage {
  return {
    key: stage.id,
    id: stage.id,
    code: stage.code,
    nameEn: stage.nameEn,
    nameAr: stage.nameAr,
    triggerEventCode: isEventCode(stage.triggerEventCode) ? stage.triggerEventCode : '',
    required: stage.required,
    autoSendSurvey: stage.autoSendSurvey,
    surveyDelayMinutes: stage.surveyDelayMinutes,
    surveyTemplateId: stage.surveyTemplateId,
  };
}

/**
 * What the station is sent. A stage without a trigger is sent with an empty
 * one, so the station's own field message names it.
 */
export function stageInput(stage: DraftStage): StageInput {
  return {
    ...(stage.id ? { id: stage.id } : {}),
    code: stage.code,
    nameEn: stage.nameEn,
    nameAr: stage.nameAr,
    triggerEventCode: stage.triggerEventCode as EventCode,
    required: stage.required,
    autoSendSurvey: stage.autoSendSurvey,
    surveyDelayMinutes: stage.surveyDelayMinutes,
    surveyTemplateId: stage.surveyTemplateId,
  };
}

/** The list with the stage at `index` moved one place up (-1) or down (+1); unchanged at either end. */
export function moveStage<T>(stages: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  const next = [...stages];
  if (index < 0 || index >= next.length || target < 0 || target >= next.length) return next;
  const [moved] = next.splice(index, 1) as [T];
  next.splice(target, 0, moved);
  return next;
}

/** Whether the draft differs from what the station holds (names, or the stages and their order). */
export function isDirty(
  saved: { nameEn: string; nameAr: string; stages: readonly JourneyStage[] },
  draft: { nameEn: string; nameAr: string; stages: readonly DraftStage[] },
): boolean {
  if (saved.nameEn !== draft.nameEn || saved.nameAr !== draft.nameAr) return true;
  if (saved.stages.length !== draft.stages.length) return true;
  return draft.stages.some((stage, index) => {
    const before = saved.stages[index];
    return (
      !before ||
      before.id !== stage.id ||
      before.code !== stage.code ||
      before.nameEn !== stage.nameEn ||
      before.nameAr !== stage.nameAr ||
      before.triggerEventCode !== stage.triggerEventCode ||
      before.required !== stage.required ||
      before.autoSendSurvey !== stage.autoSendSurvey ||
      before.surveyDelayMinutes !== stage.surveyDelayMinutes ||
      before.surveyTemplateId !== stage.surveyTemplateId
    );
  });
}
