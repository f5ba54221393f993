import { cellCaption, heatmapGrid, isoWeekday, levelFor, toDayNumber } from '../../logic/heatmap';

const days = (from: string, counts: number[]) =>
  counts.map((count, i) => ({ date: new Date((toDayNumber(from) + i) * 86_400_000).toISOString().slice(0, 10), count }));

describe('heatmap grid', () => {
  it('knows the weekday of a calendar date whatever the phone timezone', () => {
    expect(isoWeekday(toDayNumber('2026-03-02'))).toBe(1); // a Monday
    expect(isoWeekday(toDayNumber('2026-03-08'))).toBe(7); // a Sunday
  });

  it('lays days out in week columns starting on the configured weekday, padding the edges with blanks', () => {
    // 2026-03-04 is a Wednesday: two blank cells (Mon, Tue) before it in a Monday-first grid.
    const grid = heatmapGrid(days('2026-03-04', [1, 0, 0, 0, 0, 0]), 1);
    expect(grid.weeks).toHaveLength(2);
    expect(grid.weeks[0].cells.map((c) => c.blank)).toEqual([true, true, false, false, false, false, false]);
    expect(grid.weeks[0].cells[2]).toMatchObject({ date: '2026-03-04', count: 1, level: 4 });
    expect(grid.weeks[1].cells.map((c) => c.blank)).toEqual([false, true, true, true, true, true, true]);

    const sundayFirst = heatmapGrid(days('2026-03-04', [1]), 7);
    expect(sundayFirst.weeks[0].cells.findIndex((c) => !c.blank)).toBe(3);
    expect(sundayFirst.weekdayLabels).toEqual(['日', '', '二', '', '四', '', '六']);
  });

  it('fills gaps between the days it is given with empty days', () => {
    const grid = heatmapGrid([{ date: '2026-03-02', count: 1 }, { date: '2026-03-08', count: 2 }]);
    const cells = grid.weeks.flatMap((w) => w.cells).filter((c) => !c.blank);
    expect(cells.map((c) => c.count)).toEqual([1, 0, 0, 0, 0, 0, 2]);
    expect(grid).toMatchObject({ activeDays: 2, totalCheckIns: 3, maxCount: 2 });
  });

  it('grades intensity in four levels relative to the busiest day', () => {
    expect([0, 1, 2, 3, 4].map((n) => levelFor(n, 4))).toEqual([0, 1, 2, 3, 4]);
    expect([0, 1, 2, 3].map((n) => levelFor(n, 3))).toEqual([0, 2, 3, 4]);
    expect(levelFor(1, 1)).toBe(4);
    expect(levelFor(1, 100)).toBe(1);
  });

  it('labels the column holding the first of each month, and the first column when no label is near', () => {
    const grid = heatmapGrid(days('2025-12-04', new Array(365).fill(0)));
    const labels = grid.weeks.map((w) => w.monthLabel).filter(Boolean);
    expect(labels[0]).toBe('12月');
    expect(labels).toEqual(['12月', '1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月']);
    expect(grid.weeks.length).toBeGreaterThanOrEqual(53);

    // Starting on the 20th: the 1st of the next month is one column away, so the first column stays unlabelled.
    const late = heatmapGrid(days('2026-01-20', new Array(20).fill(1)));
    expect(late.weeks.map((w) => w.monthLabel)).toEqual(['', '2月', '']);
  });

  it('has no columns for no days, and skips malformed dates', () => {
    expect(heatmapGrid([]).weeks).toEqual([]);
    expect(heatmapGrid([{ date: '2026-3-1', count: 1 }]).weeks).toEqual([]);
  });

  it('captions a tapped day', () => {
    expect(cellCaption({ date: '2026-03-05', count: 2 })).toBe('3月5日 打卡 2 次');
    expect(cellCaption({ date: '2026-11-20', count: 0 })).toBe('11月20日 未打卡');
  });
});
