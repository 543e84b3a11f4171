import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { scoreResponse } from '../../../src-shared/surveys/scoring.js';
import { estimatedSeconds, questionsOf } from '../../../src-shared/surveys/template.js';
import { DEFAULT_TEMPLATES } from './default-templates.js';

const template = (code: string) => {
  const found = DEFAULT_TEMPLATES.find((t) => t.code === code);
  if (!found) throw new Error(`no default template ${code}`);
  return found.content;
};

describe('the shipped survey templates', () => {
  it('are the outpatient, inpatient, emergency and complaint-resolution surveys, each after its stage', () => {
    expect(DEFAULT_TEMPLATES.map((t) => [t.code, t.stageEvent])).toEqual([
      ['OPD-VISIT', 'OPD_VISIT_COMPLETED'],
      ['IP-DISCHARGE', 'IP_DISCHARGED'],
      ['EMS-VISIT', 'EMS_DISPOSITION'],
      ['COMPLAINT', null],
    ]);
  });

  it.each(DEFAULT_TEMPLATES.map((t) => [t.code, t.content] as const))('%s reads as Arabic in Arabic, with Arabic punctuation', (_code, content) => {
    const texts = [content.title, content.thankYou, ...questionsOf(content).map((q) => q.text)];
    for (const text of texts) {
      expect(text.ar).toMatch(/[\u0600-\u06FF]/);
      expect(text.ar).not.toMatch(/\?$/);
      expect(text.en).not.toMatch(/[\u0600-\u06FF]/);
    }
  });

  it('keeps the outpatient survey under a minute on a phone, in either language, and the others short', () => {
    for (const language of ['ar', 'en'] as const) {
      expect(estimatedSeconds(template('OPD-VISIT'), language)).toBeLessThan(60);
      expect(estimatedSeconds(template('EMS-VISIT'), language)).toBeLessThan(60);
      expect(estimatedSeconds(template('COMPLAINT'), language)).toBeLessThan(60);
      expect(estimatedSeconds(template('IP-DISCHARGE'), language)).toBeLessThan(120);
    }
  });

  it('asks the inpatient survey by HCAHPS domains, "Always" the top box', () => {
    const domains = new Set(questionsOf(template('IP-DISCHARGE')).map((q) => q.domain));
    for (const domain of [
      'communication_nurses',
      'communication_doctors',
      'responsiveness',
      'communication_medicines',
      'cleanliness',
      'quietness',
      'discharge_information',
      'overall',
      'recommend',
    ])
      expect(domains).toContain(domain);
  });

  it('marks a detractor, the bottom of a scale or a request for a call negative, and a happy visit not', () => {
    const opd = template('OPD-VISIT');
    const happy = scoreResponse(opd, { overall: { kind: 'scale', value: 5 }, recommend: { kind: 'scale', value: 10 } });
    expect(happy.negative).toBe(false);
    const unhappy = scoreResponse(opd, {
      overall: { kind: 'scale', value: 2 },
      recommend: { kind: 'scale', value: 4 },
      contact_me: { kind: 'yes_no', value: true },
    });
    expect(unhappy.negativeReasons.map((r) => r.kind)).toEqual(['nps_detractor', 'answer_is']);
    // "call me" is asked only of the unhappy: from a happy patient it does not count
    expect(
      scoreResponse(opd, { overall: { kind: 'scale', value: 5 }, recommend: { kind: 'scale', value: 10 }, contact_me: { kind: 'yes_no', value: true } })
        .negative,
    ).toBe(false);
    const unresolved = scoreResponse(template('COMPLAINT'), { resolved: { kind: 'yes_no', value: false } });
    expect(unresolved.negativeReasons.map((r) => r.kind)).toContain('answer_is');
  });
});

describe('a shipped version', () => {
  /**
   * What each shipped version (`.v1`) asks, pinned: the hub reads a shipped
   * version's questions from code and every station from its built-in row,
   * and responses keep the version they answered. A release that changed
   * these words under the same id would change what answered surveys
   * asked. To change a shipped template, ship a new version id with it.
   */
  it.each([
    ['OPD-VISIT', '1304321b90be2815589c951d3ec6eeeafb9a22490625e0624da75482f0725fa1'],
    ['IP-DISCHARGE', '849c76e7a42ca8421462369cad550528d02ad5dc59e18b74ec3a526f09d9be36'],
    ['EMS-VISIT', '1c98d88ee8cd43de4467d5813e112604f580411055170e7f485269042772615a'],
    ['COMPLAINT', '1e821eb7db813d7964b77b262cf2a7d9fe91da1c6ac429509fe549ce4e76503b'],
  ])('%s v1 never changes under its id', (code, pinned) => {
    const template = DEFAULT_TEMPLATES.find((t) => t.code === code)!;
    expect(createHash('sha256').update(JSON.stringify(template.content)).digest('hex')).toBe(pinned);
  });
});
