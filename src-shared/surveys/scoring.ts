import { type Answer, type Answers, shownQuestions } from './answers.js';
import { isScale, isScored, type NegativeCondition, type Question, questionsOf, SCALES, type SurveyContent, type SurveyDomain } from './template.js';

/**
 * Survey scores, one definition for the station, the hub and the console
 * (derived state: each side computes it from the answers, none trusts
 * another's figures). The published definitions, and where each is from:
 *
 * - Linear mean score, 0–100 (CAHPS; Press Ganey's mean score): an answer x
 *   on a scale from a (worst) to b (best) scores 100 × (x − a)/(b − a):
 *   Never/Sometimes/Usually/Always → 0/33.3/66.7/100, Very poor … Very good
 *   → 0/25/50/75/100, a 0–10 rating × 10. A yes/no scores 100 for its
 *   positive answer and 0 for the other.
 * - A response's score is the mean of the linear scores of the items it
 *   answered (Press Ganey: "a score for every question that was answered");
 *   its weighted score weights each item by the template's weight.
 * - Top box: the most positive answer (HCAHPS: "Always", "Yes", 9–10);
 *   top-box % = answers in the top box / answers.
 * - NPS = % promoters (9–10) − % detractors (0–6) of those who answered.
 *
 * Excluded from numerator and denominator alike: questions left blank,
 * questions branching did not show, and "does not apply". The counts of
 * each are kept beside the scores (Formbricks counts skipped NPS answers as
 * non-promoters; this does not).
 */

/** One answered, scored item of a response. */
export interface ItemScore {
  readonly question: string;
  readonly domain: SurveyDomain;
  /** the answer on its own scale (yes/no: 1 for the positive answer, 0 for the other) */
  readonly value: number;
  /** 0–100 */
  readonly linear: number;
  readonly weight: number;
  readonly topBox: boolean;
  readonly bottomBox: boolean;
}

export type NpsCategory = 'promoter' | 'passive' | 'detractor';

export interface ResponseScore {
  /** the questions the patient was shown (branching hid the others; their answers do not count) */
  readonly shown: ReadonlySet<string>;
  /** scored items answered (not blank, not hidden, not "does not apply") */
  readonly answeredCount: number;
  /** shown questions of any kind left blank */
  readonly skippedCount: number;
  readonly notApplicableCount: number;
  /** mean linear score of the answered items, 0–100; null when none was answered */
  readonly score: number | null;
  readonly weightedScore: number | null;
  readonly items: readonly ItemScore[];
  /** the category of each NPS question answered */
  readonly nps: Readonly<Record<string, NpsCategory>>;
  readonly negative: boolean;
  /** which of the template's negative conditions the response meets */
  readonly negativeReasons: readonly NegativeCondition[];
}

/** The 0–100 score of an answer to a scored question, with its value on its own scale; null for an answer that is not scored. */
export function itemScore(question: Question, answer: Answer): ItemScore | null {
  if (!isScored(question)) return null;
  let value: number;
  let min: number;
  let max: number;
  let topBoxFrom: number;
  if (isScale(question) && answer.kind === 'scale') {
    ({ min, max, topBoxFrom } = SCALES[question.type]);
    value = answer.value;
  } else if (question.type === 'yes_no' && answer.kind === 'yes_no') {
    value = answer.value === (question.positive === 'yes') ? 1 : 0;
    [min, max, topBoxFrom] = [0, 1, 1];
  } else {
    return null;
  }
  const weight = 'weight' in question ? question.weight : 1;
  return {
    question: question.id,
    domain: question.domain,
    value,
    linear: (100 * (value - min)) / (max - min),
    weight,
    topBox: value >= topBoxFrom,
    bottomBox: value === min,
  };
}

export function npsCategory(value: number): NpsCategory {
  return value >= 9 ? 'promoter' : value >= 7 ? 'passive' : 'detractor';
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Scores one response and applies the template's negative rule. */
export function scoreResponse(content: Pick<SurveyContent, 'pages' | 'negative'>, answers: Answers): ResponseScore {
  const shown = shownQuestions(content, answers);
  // the answers that count: those to questions shown, what branching hid dropped
  const counted: Answers = Object.fromEntries(Object.entries(answers).filter(([id]) => shown.has(id)));
  const questions = questionsOf(content);
  const items: ItemScore[] = [];
  const nps: Record<string, NpsCategory> = {};
  let notApplicableCount = 0;
  for (const question of questions) {
    const answer = counted[question.id];
    if (!answer) continue;
    if (answer.kind === 'not_applicable') {
      notApplicableCount += 1;
      continue;
    }
    const item = itemScore(question, answer);
    if (item) items.push(item);
    if (question.type === 'nps' && answer.kind === 'scale') nps[question.id] = npsCategory(answer.value);
  }
  // blank: shown, not answered (what branching hid is neither answered nor skipped)
  const skippedCount = [...shown].filter((id) => counted[id] === undefined).length;
  const weightTotal = items.reduce((sum, item) => sum + item.weight, 0);
  const score = mean(items.map((item) => item.linear));
  const weightedScore = items.length === 0 ? null : items.reduce((sum, item) => sum + item.weight * item.linear, 0) / weightTotal;
  const partial = { items, score, nps };
  const negativeReasons = content.negative.filter((rule) => meetsNegative(rule, partial, counted));
  return {
    shown,
    answeredCount: items.length,
    skippedCount,
    notApplicableCount,
    score,
    weightedScore,
    items,
    nps,
    negative: negativeReasons.length > 0,
    negativeReasons,
  };
}

function meetsNegative(rule: NegativeCondition, response: Pick<ResponseScore, 'items' | 'score' | 'nps'>, answers: Answers): boolean {
  switch (rule.kind) {
    case 'score_below':
      return response.score !== null && response.score < rule.threshold;
    case 'nps_detractor':
      return Object.values(response.nps).includes('detractor');
    case 'bottom_box':
      return response.items.some((item) => item.bottomBox);
    case 'answer_is': {
      const answer = answers[rule.question];
      if (!answer || answer.kind === 'not_applicable' || answer.kind === 'text') return false;
      if (answer.kind === 'choices') return answer.value.includes(String(rule.value));
      return answer.value === rule.value;
    }
  }
}

/** How one question was answered across responses. */
export interface QuestionSummary {
  readonly question: string;
  readonly domain: SurveyDomain;
  readonly answered: number;
  /** shown and left blank */
  readonly skipped: number;
  readonly notApplicable: number;
  /** mean answer on the question's own scale; null when not scored or not answered */
  readonly mean: number | null;
  readonly linearMean: number | null;
  readonly topBoxPercent: number | null;
  /** for NPS questions */
  readonly nps: NpsSummary | null;
}

export interface NpsSummary {
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  /** answered 0–10 (the denominator) */
  readonly answered: number;
  /** −100 … +100; null when nobody answered */
  readonly score: number | null;
}

export interface DomainSummary {
  readonly domain: SurveyDomain;
  readonly answered: number;
  readonly linearMean: number | null;
  readonly topBoxPercent: number | null;
}

export interface TemplateSummary {
  readonly responses: number;
  /** responses with at least one scored answer (the denominator of the means) */
  readonly scoredResponses: number;
  /** mean of the responses' scores, 0–100 */
  readonly mean: number | null;
  readonly weightedMean: number | null;
  /** of every answered scored item, the share in its top box */
  readonly topBoxPercent: number | null;
  /** the template's (first) NPS question */
  readonly nps: NpsSummary | null;
  readonly negative: number;
  readonly questions: readonly QuestionSummary[];
  readonly domains: readonly DomainSummary[];
}

function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : (100 * part) / whole;
}

export function npsOf(categories: readonly NpsCategory[]): NpsSummary {
  const count = (c: NpsCategory) => categories.filter((x) => x === c).length;
  const [promoters, passives, detractors] = [count('promoter'), count('passive'), count('detractor')];
  const answered = categories.length;
  return { promoters, passives, detractors, answered, score: answered === 0 ? null : (100 * (promoters - detractors)) / answered };
}

/** The figures of a template over its responses (all answering the same version). */
export function summarize(content: Pick<SurveyContent, 'pages' | 'negative'>, responses: readonly Answers[]): TemplateSummary {
  const scored = responses.map((answers) => {
    const score = scoreResponse(content, answers);
    return { answers, shown: score.shown, score };
  });
  const withScore = scored.filter((r) => r.score.score !== null);
  const allItems = scored.flatMap((r) => r.score.items);
  const questions = questionsOf(content).map((question): QuestionSummary => {
    const shownIn = scored.filter((r) => r.shown.has(question.id));
    const answers = shownIn.map((r) => r.answers[question.id]).filter((a): a is Answer => a !== undefined);
    const items = allItems.filter((item) => item.question === question.id);
    const values = answers.flatMap((a) => (a.kind === 'scale' ? [a.value] : []));
    return {
      question: question.id,
      domain: question.domain,
      answered: answers.filter((a) => a.kind !== 'not_applicable').length,
      skipped: shownIn.length - answers.length,
      notApplicable: answers.filter((a) => a.kind === 'not_applicable').length,
      mean: isScored(question) ? mean(items.map((item) => item.value)) : null,
      linearMean: isScored(question) ? mean(items.map((item) => item.linear)) : null,
      topBoxPercent: isScored(question) ? percent(items.filter((item) => item.topBox).length, items.length) : null,
      nps: question.type === 'nps' ? npsOf(values.map(npsCategory)) : null,
    };
  });
  const domains = [...new Set(allItems.map((item) => item.domain))].map((domain): DomainSummary => {
    const items = allItems.filter((item) => item.domain === domain);
    return {
      domain,
      answered: items.length,
      linearMean: mean(items.map((i) => i.linear)),
      topBoxPercent: percent(items.filter((i) => i.topBox).length, items.length),
    };
  });
  const firstNps = questionsOf(content).find((q) => q.type === 'nps');
  return {
    responses: responses.length,
    scoredResponses: withScore.length,
    mean: mean(withScore.map((r) => r.score.score!)),
    weightedMean: mean(withScore.map((r) => r.score.weightedScore!)),
    topBoxPercent: percent(allItems.filter((item) => item.topBox).length, allItems.length),
    nps: firstNps ? (questions.find((q) => q.question === firstNps.id)?.nps ?? null) : null,
    negative: scored.filter((r) => r.score.negative).length,
    questions,
    domains,
  };
}

/**
 * The response rate as AHRQ computes it for CAHPS: completed surveys over
 * those invited, less the invitations that could not be delivered (a wrong
 * number, a bounced email). Refusals and silence stay in the denominator.
 * Null while nobody could be reached.
 */
export function responseRate(counts: { readonly invited: number; readonly undeliverable: number; readonly completed: number }): number | null {
  const reachable = counts.invited - counts.undeliverable;
  return reachable <= 0 ? null : (100 * counts.completed) / reachable;
}
