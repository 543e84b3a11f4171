import type { ParsedInput, SurveyFigures, SurveyFilters } from '../../../src-shared/contract/index.js';
import { DEFAULT_TIME_ZONE } from '../../../src-shared/dates.js';
import type { Answer, Answers } from '../../../src-shared/surveys/answers.js';
import { type NpsCategory, npsOf, responseRate, scoreResponse } from '../../../src-shared/surveys/scoring.js';
import { questionsOf, type SurveyContent, type SurveyDomain } from '../../../src-shared/surveys/template.js';
import { fromJson, type Json } from '../../../src-shared/tables/index.js';
import type { Caller } from '../../core/context.js';
import type { DataLayer } from '../../core/data-layer.js';
import type { Store } from '../../core/db/store.js';
import type { Scope } from '../../core/scope.js';
import type { SurveyInstances } from './instances.js';
import type { SurveyTemplates } from './templates.js';

/** The most rows one export holds; a wider one is narrowed by dates. */
export const EXPORT_LIMIT = 100_000;

interface ExportRow {
  id: string;
  template_code: string;
  template_id: string;
  version_id: string;
  version_created_at: string;
  mrn: string;
  hospital_code: string;
  stage_code: string | null;
  origin: string;
  channel: string;
  language: string;
  status: string;
  created_at: string;
  invited_at: string | null;
  opened_at: string | null;
  completed_at: string | null;
  answers: Json<Answers> | null;
  score: number | null;
  weighted_score: number | null;
  negative: number | null;
}

/**
 * The control center's figures and the responses' export, both over the
 * same filter in the caller's scope. Scores are recomputed from the
 * answers with the one scoring definition (src-shared/surveys/scoring.ts).
 */
export class SurveyReports {
  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
    private readonly instances: SurveyInstances,
    private readonly templates: SurveyTemplates,
  ) {}

  figures(caller: Caller, filter: SurveyFilters): SurveyFigures {
    const { where, params } = this.instances.filterSql(caller.scope, filter);
    const clause = where.join(' AND ');
    const counts = this.store
      .statement(
        `SELECT
           count(i.invited_at) AS invited,
           count(i.opened_at) AS opened,
           count(i.started_at) AS started,
           count(i.completed_at) AS completed,
           sum(CASE WHEN i.skip_reason = 'fatigue' THEN 1 ELSE 0 END) AS fatigue,
           sum(CASE WHEN i.skip_reason = 'opted_out' THEN 1 ELSE 0 END) AS opted_out,
           sum(CASE WHEN i.skip_reason = 'no_contact' THEN 1 ELSE 0 END) AS no_contact,
           sum(CASE WHEN i.invited_at IS NOT NULL AND (i.channel IN ('kiosk', 'qr')
                 OR EXISTS (SELECT 1 FROM notification_messages m WHERE m.instance_id = i.id AND m.kind = 'invitation' AND m.status IN ('delivered', 'read'))) THEN 1 ELSE 0 END) AS delivered,
           sum(CASE WHEN EXISTS (SELECT 1 FROM notification_messages m WHERE m.instance_id = i.id AND m.kind = 'invitation' AND m.status = 'failed') THEN 1 ELSE 0 END) AS undeliverable,
           sum(CASE WHEN i.invited_at IS NULL AND EXISTS (SELECT 1 FROM notification_messages m WHERE m.instance_id = i.id AND m.kind = 'invitation' AND m.status = 'failed') THEN 1 ELSE 0 END) AS never_sent,
           sum(CASE WHEN i.completed_at IS NOT NULL AND EXISTS (SELECT 1 FROM notification_messages m WHERE m.instance_id = i.id AND m.kind LIKE 'reminder%' AND m.sent_at IS NOT NULL AND m.sent_at < i.completed_at) THEN 1 ELSE 0 END) AS after_reminder
         FROM survey_instances i WHERE ${clause}`,
      )
      .get(...params) as Record<string, number | null>;
    const n = (key: string) => Number(counts[key] ?? 0);
    // Invited counts what failed to arrive too (the AHRQ denominator, before undeliverable is taken off): a message
    // that failed to be sent has no invited_at, so it is added back; one sent, then reported failed by the provider,
    // has its invited_at already and is counted once.
    const invited = n('invited') + n('never_sent');
    const responses = this.store
      .statement(
        `SELECT i.template_id, r.version_id, r.answers, r.score, r.weighted_score, r.negative, r.finished_at, t.name_en, t.name_ar, h.time_zone
         FROM survey_instances i JOIN survey_responses r ON r.instance_id = i.id JOIN survey_templates t ON t.id = i.template_id
         JOIN hospitals h ON h.id = i.hospital_id
         WHERE ${clause} AND r.finished_at IS NOT NULL AND r.deleted_at IS NULL ORDER BY r.finished_at LIMIT ${EXPORT_LIMIT}`,
      )
      .all(...params) as {
      template_id: string;
      version_id: string;
      answers: Json<Answers>;
      score: number | null;
      weighted_score: number | null;
      negative: number;
      finished_at: string;
      name_en: string;
      name_ar: string;
      time_zone: string;
    }[];
    return {
      invited,
      delivered: n('delivered'),
      undeliverable: n('undeliverable'),
      opened: n('opened'),
      started: n('started'),
      completed: n('completed'),
      responseRate: responseRate({ invited, undeliverable: n('undeliverable'), completed: n('completed') }),
      completedAfterReminder: n('after_reminder'),
      negative: responses.filter((r) => r.negative === 1).length,
      skipped: { fatigue: n('fatigue'), optedOut: n('opted_out'), noContact: n('no_contact') },
      ...this.scores(responses),
      byDay: byDay(responses),
    };
  }

  /**
   * Per template and per question domain, every response scored again with
   * the one definition (src-shared/surveys/scoring.ts): never a peer's
   * figure. A domain gathers its answers across templates and versions.
   */
  private scores(
    responses: readonly {
      template_id: string;
      version_id: string;
      answers: Json<Answers>;
      score: number | null;
      weighted_score: number | null;
      name_en: string;
      name_ar: string;
    }[],
  ): Pick<SurveyFigures, 'templates' | 'domains'> {
    const domains = new Map<SurveyDomain, { answered: number; linear: number; topBox: number }>();
    const groups = new Map<string, (typeof responses)[number][]>();
    for (const r of responses) {
      const group = groups.get(r.template_id);
      if (group) group.push(r);
      else groups.set(r.template_id, [r]);
    }
    const templates = [...groups.entries()].map(([templateId, rows]) => {
      const categories: NpsCategory[] = [];
      let items = 0;
      let topBox = 0;
      for (const row of rows) {
        const content = this.templates.contentOf(row.version_id);
        if (!content) continue;
        const scored = scoreResponse(content, fromJson(row.answers));
        // the first NPS question of the version stands for the template's NPS, as in summarize()
        const firstNps = questionsOf(content).find((q) => q.type === 'nps');
        const category = firstNps ? scored.nps[firstNps.id] : undefined;
        if (category) categories.push(category);
        items += scored.items.length;
        topBox += scored.items.filter((i) => i.topBox).length;
        for (const item of scored.items) {
          const domain = domains.get(item.domain) ?? { answered: 0, linear: 0, topBox: 0 };
          domain.answered += 1;
          domain.linear += item.linear;
          domain.topBox += item.topBox ? 1 : 0;
          domains.set(item.domain, domain);
        }
      }
      const nps = npsOf(categories);
      const scores = rows.flatMap((r) => (r.score === null ? [] : [r.score]));
      const weighted = rows.flatMap((r) => (r.weighted_score === null ? [] : [r.weighted_score]));
      return {
        templateId,
        nameEn: rows[0]!.name_en,
        nameAr: rows[0]!.name_ar,
        responses: rows.length,
        scored: scores.length,
        score: meanOf(scores),
        weightedScore: meanOf(weighted),
        nps: { score: nps.score, responses: nps.answered },
        topBox: items === 0 ? null : (100 * topBox) / items,
      };
    });
    return {
      templates,
      domains: [...domains.entries()]
        .map(([domain, sums]) => ({ domain, answered: sums.answered, score: sums.linear / sums.answered, topBox: (100 * sums.topBox) / sums.answered }))
        .sort((a, b) => a.score - b.score || a.domain.localeCompare(b.domain)),
    };
  }

  /** The responses as a file, and one audit entry naming who took which filter and how many rows. */
  export(caller: Pick<Caller, 'scope' | 'actor'>, input: ParsedInput<'surveys.export'>) {
    const rows = this.exportRows(caller.scope, input);
    const file = renderExport(rows, input.format, (versionId) => this.templates.contentOf(versionId));
    // who took which responses is in the audit log, never the responses themselves
    const hospitalId = caller.scope.hospitalFor(input.hospitalId);
    this.data.write(caller.actor, (tx) =>
      tx.record({ action: 'surveys.export', entityType: 'survey_responses', entityId: null, hospitalId, after: { ...input, rows: rows.length } }),
    );
    return { ...file, rows: rows.length };
  }

  private exportRows(scope: Scope, filter: Omit<ParsedInput<'surveys.export'>, 'format'>): ExportRow[] {
    const { where, params } = this.instances.listFilterSql(scope, filter);
    return this.store
      .statement(
        `SELECT i.id, t.code AS template_code, i.template_id, i.version_id, v.created_at AS version_created_at, p.mrn, h.code AS hospital_code,
           st.code AS stage_code, i.origin, i.channel, i.language, i.status, i.created_at, i.invited_at, i.opened_at, i.completed_at,
           r.answers, r.score, r.weighted_score, r.negative
         FROM survey_instances i JOIN survey_templates t ON t.id = i.template_id JOIN survey_template_versions v ON v.id = i.version_id
         JOIN patients p ON p.id = i.patient_id JOIN hospitals h ON h.id = i.hospital_id
         LEFT JOIN journey_template_stages st ON st.id = i.stage_id LEFT JOIN survey_responses r ON r.instance_id = i.id
         WHERE ${where.join(' AND ')} ORDER BY i.created_at, i.id LIMIT ${EXPORT_LIMIT}`,
      )
      .all(...params) as ExportRow[];
  }
}

function byDay(responses: readonly { finished_at: string; score: number | null; time_zone: string }[]): SurveyFigures['byDay'] {
  const days = new Map<string, { completed: number; scores: number[] }>();
  for (const r of responses) {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: r.time_zone || DEFAULT_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      new Date(r.finished_at),
    );
    const entry = days.get(day) ?? { completed: 0, scores: [] };
    entry.completed += 1;
    if (r.score !== null) entry.scores.push(r.score);
    days.set(day, entry);
  }
  return [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, e]) => ({ day, completed: e.completed, score: e.scores.length === 0 ? null : e.scores.reduce((a, b) => a + b, 0) / e.scores.length }));
}

const FIXED_COLUMNS = [
  'survey_id',
  'template',
  'version_id',
  'version_date',
  'mrn',
  'hospital',
  'stage',
  'origin',
  'channel',
  'language',
  'status',
  'created_at',
  'invited_at',
  'opened_at',
  'completed_at',
  'score',
  'weighted_score',
  'negative',
] as const;

/** An answer as one cell: the scale value, yes/no, the choice ids, the comment, or "n/a". */
function answerCell(answer: Answer | undefined): string {
  if (!answer) return '';
  switch (answer.kind) {
    case 'scale':
      return String(answer.value);
    case 'yes_no':
      return answer.value ? 'yes' : 'no';
    case 'choice':
    case 'text':
      return answer.value;
    case 'choices':
      return answer.value.join('|');
    case 'not_applicable':
      return 'n/a';
  }
}

/** A CSV cell: quoted when it must be, and never read as a formula by a spreadsheet (OWASP CSV injection). */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function meanOf(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

export function renderExport(rows: readonly ExportRow[], format: 'csv' | 'json', contentOf: (versionId: string) => SurveyContent | null) {
  // one column per question id, in the order the versions ask them
  const questionIds: string[] = [];
  for (const versionId of new Set(rows.map((r) => r.version_id))) {
    for (const q of questionsOf(contentOf(versionId) ?? { pages: [] })) if (!questionIds.includes(q.id)) questionIds.push(q.id);
  }
  const records = rows.map((r) => {
    const answers: Answers = r.answers ? fromJson(r.answers) : {};
    const fixed: Record<(typeof FIXED_COLUMNS)[number], string | number | boolean | null> = {
      survey_id: r.id,
      template: r.template_code,
      version_id: r.version_id,
      version_date: r.version_created_at,
      mrn: r.mrn,
      hospital: r.hospital_code,
      stage: r.stage_code,
      origin: r.origin,
      channel: r.channel,
      language: r.language,
      status: r.status,
      created_at: r.created_at,
      invited_at: r.invited_at,
      opened_at: r.opened_at,
      completed_at: r.completed_at,
      score: r.score === null ? null : Math.round(r.score * 10) / 10,
      weighted_score: r.weighted_score === null ? null : Math.round(r.weighted_score * 10) / 10,
      // no response: no flag either way (empty, not "false")
      negative: r.negative === null ? null : r.negative === 1,
    };
    return { fixed, answers };
  });
  const stamp = new Date().toISOString().slice(0, 10);
  if (format === 'json') {
    const body = JSON.stringify(
      records.map((r) => ({ ...r.fixed, answers: r.answers })),
      null,
      1,
    );
    return { fileName: `px360-survey-responses-${stamp}.json`, contentType: 'application/json', body };
  }
  const header = [...FIXED_COLUMNS, ...questionIds.map((id) => `q_${id}`)];
  const lines = records.map((r) =>
    [...FIXED_COLUMNS.map((c) => (r.fixed[c] === null ? '' : String(r.fixed[c]))), ...questionIds.map((id) => answerCell(r.answers[id]))]
      .map(csvCell)
      .join(','),
  );
  // a byte-order mark: Excel opens UTF-8 (Arabic comments) right only with it
  const body = `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
  return { fileName: `px360-survey-responses-${stamp}.csv`, contentType: 'text/csv; charset=utf-8', body };
}
