import { builtInId } from '../built-in-id.js';

export { builtInId };

/**
 * Ids derived from what a row is, the same wherever it is made (a station,
 * another station of the hospital, the hub): two places that make the same
 * row write one row. Node only (node:crypto).
 */

/** The survey a completed stage sends: one, however often the completion is replayed. */
export const stageSurveyId = (stageInstanceId: string) => builtInId(`survey:stage:${stageInstanceId}`);
/** The survey of a complaint's n-th resolution (a reopened complaint resolved again asks again). */
export const complaintSurveyId = (complaintId: string, resolution: number) => builtInId(`survey:complaint:${complaintId}:${resolution}`);
/** An instance's invitation or n-th reminder (`invitation`, `reminder_1`…): one message whoever plans it. */
export const messageId = (instanceId: string, kind: string) => builtInId(`message:${instanceId}:${kind}`);
/** A response: one per instance, wherever it is first written. */
export const responseId = (instanceId: string) => builtInId(`response:${instanceId}`);
/** A patient's opt-out of one channel, or of all ('all'). */
export const optOutId = (patientId: string, channel: string) => builtInId(`opt-out:${patientId}:${channel}`);
/** A hospital's survey settings. */
export const settingsId = (hospitalId: string) => builtInId(`survey-settings:${hospitalId}`);
/** The event a negative response publishes, once per response on each station. */
export const NEGATIVE_EVENT = 'survey.negative';
export const negativeEventId = (responseId: string) => builtInId(`${NEGATIVE_EVENT}:${responseId}`);
