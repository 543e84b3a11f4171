import type { SurveyFigures } from '../../../../src-shared/contract/index.js';

/**
 * The arithmetic of the control center's two charts, apart from drawing.
 * They are drawn by hand as SVG (no chart library in the bundle): in Arabic
 * the time axis runs right to left and the value axis stands on the right,
 * as the text around them reads (the research note on RTL charts: chart
 * libraries do not mirror their axes by themselves).
 */

const DAY_MS = 86_400_000;
/** The longest period drawn day by day (a longer one is still listed in its table). */
export const MAX_DAYS = 366;

export interface DayPoint {
  day: string;
  completed: number;
  /** mean score of the day's responses, 0–100; null on a day without a scored response */
  score: number | null;
}

function dayNumber(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

function dayText(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Every calendar day of the period, a day without responses as 0 (and no
 * score): a gap in the axis would hide the quiet days. The period is the
 * filter's when it has one, else from the first day answered to the last.
 */
export function everyDay(byDay: readonly DayPoint[], range: { from?: string | undefined; to?: string | undefined } = {}): DayPoint[] {
  const days = byDay.map((d) => dayNumber(d.day)).filter((n) => Number.isFinite(n));
  if (days.length === 0) return [];
  const first = range.from ? Math.min(dayNumber(range.from), ...days) : Math.min(...days);
  const last = range.to ? Math.max(dayNumber(range.to), ...days) : Math.max(...days);
  // a filter of several years is drawn from its last answered days, never as thousands of slivers
  const start = Math.max(first, last - MAX_DAYS + 1);
  const known = new Map(byDay.map((d) => [d.day, d]));
  const points: DayPoint[] = [];
  for (let n = start; n <= last; n += 1) {
    const day = dayText(n);
    const found = known.get(day);
    points.push({ day, completed: found?.completed ?? 0, score: found?.score ?? null });
  }
  return points;
}

/** The top of a count axis: 1, 2 or 5 times a power of ten, at least the largest value (and at least 1). */
export function niceCeiling(value: number): number {
  if (!(value > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** Evenly spaced whole values from 0 to max (a count axis: 4 or 5 steps when they divide it, fewer for a small max). */
export function axisTicks(max: number): number[] {
  const count = [4, 5, 2, 1].find((n) => Number.isInteger(max / n) && max / n >= 1) ?? 1;
  return Array.from({ length: count + 1 }, (_, i) => (i * max) / count);
}

export interface PlotArea {
  width: number;
  height: number;
  /** room for the value axis, on the side the reading starts from */
  axis: number;
  top: number;
  bottom: number;
}

/**
 * The centre of slot `index` of `count` along the time axis: the first
 * day at the reading start, so on the left in English and on the right in
 * Arabic; the value axis stays on the reading-start side (see `axisX`).
 */
export function slotX(index: number, count: number, plot: PlotArea, rtl: boolean): number {
  const inner = plot.width - plot.axis;
  const slot = inner / Math.max(count, 1);
  const fromStart = slot * index + slot / 2;
  return rtl ? inner - fromStart : plot.axis + fromStart;
}

/** The width of one slot's bar (two thirds of the slot, at least a hairline). */
export function barWidth(count: number, plot: PlotArea): number {
  return Math.max(((plot.width - plot.axis) / Math.max(count, 1)) * (2 / 3), 1);
}

/** Where the value axis line and its labels stand: left in English, right in Arabic. */
export function axisX(plot: PlotArea, rtl: boolean): number {
  return rtl ? plot.width - plot.axis : plot.axis;
}

export function valueY(value: number, max: number, plot: PlotArea): number {
  const inner = plot.height - plot.top - plot.bottom;
  return plot.top + inner - (inner * Math.min(Math.max(value, 0), max)) / max;
}

/** Which days get a date under the axis: the first, the last and a few between, never crowded. */
export function labelledDays(count: number, most = 6): number[] {
  if (count <= most) return Array.from({ length: count }, (_, i) => i);
  const step = (count - 1) / (most - 1);
  return [...new Set(Array.from({ length: most }, (_, i) => Math.round(i * step)))];
}

export const FUNNEL_STEPS = ['invited', 'delivered', 'opened', 'started', 'completed'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/** Each step of the way from invitation to answer: its count and its share of those invited (null when none was). */
export function funnel(figures: Pick<SurveyFigures, FunnelStep>): { step: FunnelStep; count: number; share: number | null }[] {
  return FUNNEL_STEPS.map((step) => ({
    step,
    count: figures[step],
    share: figures.invited > 0 ? Math.min(100, (100 * figures[step]) / figures.invited) : null,
  }));
}

/** An SVG path through the days that have a score; a day without one breaks the line. */
export function linePath(points: readonly { x: number; y: number | null }[]): string {
  let path = '';
  let open = false;
  for (const { x, y } of points) {
    if (y === null) {
      open = false;
      continue;
    }
    path += `${open ? 'L' : 'M'}${round(x)} ${round(y)}`;
    open = true;
  }
  return path;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
