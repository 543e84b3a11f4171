import { describe, expect, it } from 'vitest';
import { assignmentFacts, classificationChanges, createdFacts, statusFacts } from './timeline.js';

describe('a timeline entry’s details', () => {
  it('a resolution: outcome, what was done, and the survey that asks the patient', () => {
    expect(
      statusFacts({ outcome: 'upheld', category: 'apology', resolutionSurvey: { id: 'S1', skipped: null }, duplicateOf: 'C2', closeReason: 'withdrawn' }),
    ).toEqual({ outcome: 'upheld', category: 'apology', resolutionSurvey: { id: 'S1', skipped: null }, duplicateOf: 'C2', closeReason: 'withdrawn' });
    expect(statusFacts({ reopened: true })).toEqual({ reopened: true });
  });

  it('leaves out what it does not know, keeping the rest', () => {
    expect(statusFacts({ outcome: 'escalated_to_court', category: 'apology', reopened: 'yes' })).toEqual({ category: 'apology' });
    expect(statusFacts(null)).toEqual({});
    expect(createdFacts({ channel: 'pigeon', source: 'WEBSITE' })).toEqual({ source: 'WEBSITE' });
    expect(createdFacts({ channel: 'phone', type: 'complaint' })).toEqual({ channel: 'phone' });
  });

  it('an assignment: the person and the team, or nobody', () => {
    expect(assignmentFacts({ userId: 'U1', userName: 'Sara', departmentId: null, previousUserId: null })).toEqual({
      userId: 'U1',
      userName: 'Sara',
      departmentId: null,
    });
    expect(assignmentFacts({ userId: 7 })).toEqual({ userId: null, userName: null, departmentId: null });
  });

  it('a classification: each changed column with its value before and after, in a fixed order', () => {
    expect(
      classificationChanges({
        before: { severity: null, hcat_category: 'quality', hcat_domain: 'clinical', priority: 'medium' },
        after: { priority: 'urgent', hcat_category: 'communication', hcat_domain: 'relationships', severity: 3, made_up: 'x' },
      }),
    ).toEqual([
      { field: 'hcat_category', before: 'quality', after: 'communication' },
      { field: 'hcat_domain', before: 'clinical', after: 'relationships' },
      { field: 'severity', before: null, after: 3 },
      { field: 'priority', before: 'medium', after: 'urgent' },
    ]);
    expect(classificationChanges({ after: { severity: 2 } })).toEqual([]);
  });
});
