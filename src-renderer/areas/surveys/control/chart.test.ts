import { describe, expect, it } from 'vitest';
import { axisTicks, axisX, barWidth, everyDay, funnel, labelledDays, linePath, MAX_DAYS, niceCeiling, slotX, valueY, type PlotArea } from './chart.js';

const plot: PlotArea = { width: 440, height: 200, axis: 40, top: 10, bottom: 30 };

describe('the days of the chart', () => {
  it('fills the quiet days between the answered ones', () => {
    const days = everyDay([
      { day: '2026-03-01', completed: 2, score: 50 },
      { day: '2026-03-04', completed: 1, score: null },
    ]);
    expect(days.map((d) => [d.day, d.completed, d.score])).toEqual([
      ['2026-03-01', 2, 50],
      ['2026-03-02', 0, null],
      ['2026-03-03', 0, null],
      ['2026-03-04', 1, null],
    ]);
  });

  it('spans the filtered period, across a month end', () => {
    const days = everyDay([{ day: '2026-02-28', completed: 1, score: 0 }], { from: '2026-02-27', to: '2026-03-02' });
    expect(days.map((d) => d.day)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
  });

  it('draws nothing without responses, and at most a year', () => {
    expect(everyDay([], { from: '2026-01-01', to: '2026-01-31' })).toEqual([]);
    const long = everyDay([{ day: '2026-06-01', completed: 1, score: 10 }], { from: '2020-01-01' });
    expect(long).toHaveLength(MAX_DAYS);
    expect(long.at(-1)?.day).toBe('2026-06-01');
  });
});

describe('the axes', () => {
  it.each([
    [0, 1],
    [1, 1],
    [3, 5],
    [7, 10],
    [12, 20],
    [250, 500],
    [1000, 1000],
  ])('a count axis for %i tops at %i', (value, top) => expect(niceCeiling(value)).toBe(top));

  it('ticks from zero to the top', () => {
    expect(axisTicks(100)).toEqual([0, 25, 50, 75, 100]);
    expect(axisTicks(5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(axisTicks(2)).toEqual([0, 1, 2]);
    expect(axisTicks(1)).toEqual([0, 1]);
    expect(axisTicks(50)).toEqual([0, 10, 20, 30, 40, 50]);
  });

  it('puts the first day at the reading start: left in English, right in Arabic', () => {
    const ltr = [0, 1, 2, 3].map((i) => slotX(i, 4, plot, false));
    const rtl = [0, 1, 2, 3].map((i) => slotX(i, 4, plot, true));
    expect(ltr).toEqual([90, 190, 290, 390]);
    expect(rtl).toEqual([350, 250, 150, 50]);
    // the value axis on the same side as the first day
    expect(axisX(plot, false)).toBeLessThan(ltr[0]!);
    expect(axisX(plot, true)).toBeGreaterThan(rtl[0]!);
    expect(barWidth(4, plot)).toBeCloseTo(66.7, 1);
  });

  it('measures values from the bottom, clamped to the plot', () => {
    expect(valueY(0, 100, plot)).toBe(170);
    expect(valueY(100, 100, plot)).toBe(10);
    expect(valueY(50, 100, plot)).toBe(90);
    expect(valueY(150, 100, plot)).toBe(10);
  });

  it('labels a handful of days, always the first and the last', () => {
    expect(labelledDays(3)).toEqual([0, 1, 2]);
    expect(labelledDays(31)).toEqual([0, 6, 12, 18, 24, 30]);
  });

  it('breaks the score line on a day without a score', () => {
    expect(
      linePath([
        { x: 1, y: 2 },
        { x: 3, y: 4 },
        { x: 5, y: null },
        { x: 7, y: 8 },
      ]),
    ).toBe('M1 2L3 4M7 8');
  });
});

describe('the funnel', () => {
  it('gives each step its share of those invited', () => {
    const steps = funnel({ invited: 200, delivered: 180, opened: 90, started: 60, completed: 50 });
    expect(steps.map((s) => [s.step, s.count, s.share])).toEqual([
      ['invited', 200, 100],
      ['delivered', 180, 90],
      ['opened', 90, 45],
      ['started', 60, 30],
      ['completed', 50, 25],
    ]);
  });

  it('has no shares when nobody was invited', () => {
    expect(funnel({ invited: 0, delivered: 0, opened: 0, started: 0, completed: 0 }).every((s) => s.share === null)).toBe(true);
  });
});
