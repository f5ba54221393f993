/** @jest-environment jsdom */
import { outcomeOfDraw, outcomeOfDrawError, outOfStockOutcome, type DrawAnswer } from '../../logic/lottery';
import { eventsOf, tap, renderComponent, simulate, textOf } from '../helpers/simulate';

const draw = (data: Partial<DrawAnswer['data']>, meta: Partial<DrawAnswer['meta']> = {}): DrawAnswer => ({
  data: { documentId: 'draw00000001', isWinner: false, prize: null, prizeName: '谢谢参与', cost: 20, localDate: '2026-03-05', ...data },
  meta: { balance: 80, drawsLeftToday: 3, ...meta },
});

describe('lottery result', () => {
  it('is hidden until there is an outcome', async () => {
    const comp = renderComponent('lottery-result', { outcome: null });
    expect(comp.querySelector('.result')).toBeFalsy();
  });

  it('shows a prize won, and asks for another draw or the records', async () => {
    const comp = renderComponent('lottery-result', { outcome: null });
    comp.setData({ outcome: outcomeOfDraw(draw({ isWinner: true, prize: { documentId: 'prize0000001', name: '补签卡', kind: 'makeupCard', amount: 1 }, prizeName: '补签卡' })) });
    await simulate.sleep(0);
    expect(comp.querySelector('.result-won')).not.toBeNull();
    expect(textOf(comp, '.result-title')).toBe('恭喜中奖');
    expect(textOf(comp, '.result-prize')).toBe('补签卡');
    expect(textOf(comp, '.result-reward')).toBe('补签卡 ×1');
    expect(textOf(comp, '.result-detail')).toBe('今日还可抽 3 次 · 余额 80 积分');
    const again = eventsOf(comp, 'again');
    const records = eventsOf(comp, 'records');
    await tap(comp.querySelector('.result-primary')!);
    await tap(comp.querySelector('.result-secondary')!);
    expect(again).toEqual([{ state: 'won' }]);
    expect(records).toEqual([{ state: 'won' }]);
  });

  it('shows nothing won with the no-prize name', async () => {
    const comp = renderComponent('lottery-result', { outcome: outcomeOfDraw(draw({})) });
    expect(comp.querySelector('.result-nothing')).not.toBeNull();
    expect(textOf(comp, '.result-prize')).toBe('谢谢参与');
    expect(comp.querySelector('.result-reward')).toBeFalsy();
    expect(textOf(comp, '.result-primary')).toBe('再抽一次');
  });

  it('shows every prize gone, and only closes', async () => {
    const comp = renderComponent('lottery-result', { outcome: outOfStockOutcome({ cost: 20, drawsPerDay: 5, drawsLeftToday: 5, noPrize: '谢谢参与' }) });
    expect(textOf(comp, '.result-title')).toBe('奖品已被抽完');
    const closed = eventsOf(comp, 'close');
    const again = eventsOf(comp, 'again');
    await tap(comp.querySelector('.result-primary')!);
    expect(closed).toEqual([{ state: 'out-of-stock' }]);
    expect(again).toEqual([]);
  });

  it('shows the daily cap reached from the server refusal', async () => {
    const refusal = { status: 400, name: 'ValidationError', message: '今日抽奖次数已用完: at most 5 draws a day', details: { reason: 'daily_limit', drawsPerDay: 5 } };
    const comp = renderComponent('lottery-result', { outcome: outcomeOfDrawError(refusal) });
    expect(comp.querySelector('.result-daily-cap')).not.toBeNull();
    expect(textOf(comp, '.result-title')).toBe('今日抽奖次数已用完');
    expect(textOf(comp, '.result-primary')).toBe('知道了');
  });

  it('sends users without enough points to earn some', async () => {
    const refusal = { status: 400, message: '积分不足: this needs 20 points', details: { reason: 'insufficient_points', needed: 20 } };
    const comp = renderComponent('lottery-result', { outcome: outcomeOfDrawError(refusal) });
    const earn = eventsOf(comp, 'earn');
    await tap(comp.querySelector('.result-primary')!);
    expect(earn).toEqual([{ state: 'insufficient' }]);
  });

  it('closes when the mask is tapped', async () => {
    const comp = renderComponent('lottery-result', { outcome: outcomeOfDraw(draw({})) });
    const closed = eventsOf(comp, 'close');
    await tap(comp.querySelector('.result-mask')!);
    expect(closed).toEqual([{ state: 'nothing' }]);
  });
});
