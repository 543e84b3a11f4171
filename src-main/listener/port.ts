import type { SurveyFormPort } from '../../src-shared/surveys/form-routes.js';
import type { StationHealth } from '../core/station.js';
import type { IntakeQueue } from '../domains/integrations/intake.js';
import type { IntakeRefusals } from '../domains/integrations/refusals.js';
import type { Complaints } from '../domains/complaints/complaints.js';
import type { IntegrationSources } from '../domains/integrations/sources.js';

/**
 * What the HIS listeners (JSON and MLLP) need of the station, and nothing
 * more: who a source is, where an accepted event goes, where a refusal is
 * recorded, the survey form, and the station's health. The station core provides it; the
 * listeners never see the rest.
 */
export interface IntakePort {
  readonly stationId: string;
  readonly sources: Pick<IntegrationSources, 'authenticate' | 'bySystem' | 'touch' | 'hmacSecretOf'>;
  readonly intake: Pick<IntakeQueue, 'submit'>;
  readonly refusals: Pick<IntakeRefusals, 'record'>;
  /** complaints the hospital's website, app or a 937 referral system files, and their status for that source */
  readonly complaintIntake: Pick<Complaints, 'fromSource' | 'statusForSource'>;
  /** the survey form for kiosks and QR codes, at /s/<token> (no source token: the link is the key) */
  readonly surveyForm: SurveyFormPort;
  health(): StationHealth;
}
