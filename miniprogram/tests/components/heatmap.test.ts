/** @jest-environment jsdom */
import { eventsOf, hasClass, tap, renderComponent, simulate, textOf } from '../helpers/simulate';

/** `n` days from `from` with the given counts (the server's `heatmap` shape). */
const days = (from: string, counts: number[]) =>
  counts.map((count, i) => ({ date: new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10), count }));

describe('heatmap', () => {
  it('draws a year as week columns with month labels and intensity levels', async () => {
    const year = days('2025-12-04', Array.from({ length: 365 }, (_, i) => (i % 10 === 0 ? 2 : i % 3 === 0 ? 1 : 0)));
    const comp = renderComponent('heatmap', { days: year, weekStartsOn: 1, title: '早起 · 近一年' });
    const weeks = comp.querySelectorAll('.week');
    expect(weeks.length).toBe(53);
    const shown = comp.querySelectorAll('.grid .cell').filter((cell) => !hasClass(cell, 'blank'));
    expect(shown.length).toBe(365);
    expect(comp.querySelectorAll('.grid .level-4').length).toBe(37);
    expect(comp.querySelectorAll('.grid .level-2').length).toBeGreaterThan(0);
    const labels = comp.querySelectorAll('.week .month').map((node) => node.dom.textContent).filter(Boolean);
    expect(labels).toEqual(['12月', '1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月']);
    expect(textOf(comp, '.heatmap-title')).toBe('早起 · 近一年');
    expect(textOf(comp, '.heatmap-summary')).toBe('打卡 146 天，共 183 次');
  });

  it('captions a tapped day and sends it', async () => {
    const comp = renderComponent('heatmap', { days: days('2026-03-02', [0, 3, 1]) });
    const tapped = eventsOf(comp, 'daytap');
    const cell = comp.querySelectorAll('.cell').find((c) => c.dom.getAttribute('data-date') === '2026-03-03');
    expect(cell).toBeDefined();
    await tap(cell!);
    expect(tapped).toEqual([{ date: '2026-03-03', count: 3 }]);
    expect(textOf(comp, '.caption')).toBe('3月3日 打卡 3 次');
    expect(hasClass(cell, 'selected')).toBe(true);
  });

  it('ignores taps on the padding before the first day', async () => {
    // 2026-03-04 is a Wednesday: Monday and Tuesday are padding.
    const comp = renderComponent('heatmap', { days: days('2026-03-04', [1]) });
    const tapped = eventsOf(comp, 'daytap');
    await tap(comp.querySelectorAll('.cell')[0]);
    expect(tapped).toEqual([]);
  });

  it('redraws when the days change, and says so when there are none', async () => {
    const comp = renderComponent('heatmap', { days: [] });
    expect(textOf(comp, '.heatmap-empty')).toBe('还没有打卡记录');
    comp.setData({ days: days('2026-03-02', [1, 1]) });
    await simulate.sleep(0);
    expect(comp.querySelector('.heatmap-empty')).toBeFalsy();
    expect(comp.querySelectorAll('.grid .level-4').length).toBe(2);
  });
});
