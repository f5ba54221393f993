import { drawRecordView, outcomeOfDraw, outcomeOfDrawError, outOfStockOutcome, prizeBoard, resultActions, rewardText, type DrawAnswer, type Prize } from '../../logic/lottery';

const answer = (over: Partial<DrawAnswer['data']> = {}, meta: Partial<DrawAnswer['meta']> = {}): DrawAnswer => ({
  data: { documentId: 'd1', isWinner: false, prize: null, prizeName: '谢谢参与', cost: 20, localDate: '2026-03-05', ...over },
  meta: { balance: 80, drawsLeftToday: 2, ...meta },
});

describe('a draw outcome', () => {
  it('shows a prize won with what it gives', () => {
    const outcome = outcomeOfDraw(answer({ isWinner: true, prize: { documentId: 'p1', name: '50 积分', kind: 'points', amount: 50 }, prizeName: '50 积分' }, { balance: 130 }));
    expect(outcome).toEqual({ state: 'won', title: '恭喜中奖', prizeName: '50 积分', rewardText: '+50 积分', detail: '今日还可抽 2 次 · 余额 130 积分', canDrawAgain: true });
    expect(resultActions(outcome)).toEqual({ primary: { text: '再抽一次', event: 'again' }, secondary: { text: '抽奖记录', event: 'records' } });
  });

  it('shows nothing won with the no-prize name, and no second draw when none is left', () => {
    const outcome = outcomeOfDraw(answer({}, { drawsLeftToday: 0 }));
    expect(outcome).toMatchObject({ state: 'nothing', prizeName: '谢谢参与', canDrawAgain: false, detail: '今日次数已用完 · 余额 80 积分' });
    expect(resultActions(outcome).primary).toEqual({ text: '知道了', event: 'close' });
  });

  it('says when VIP days were not added because a higher tier is in force', () => {
    const outcome = outcomeOfDraw(answer({ isWinner: true, prize: { documentId: 'p2', name: 'VIP 7 天', kind: 'vipDays', amount: 7 } }, { membership: { kept: 'ai' } }));
    expect(outcome.rewardText).toBe('VIP 会员 7 天');
    expect(outcome.detail).toContain('VIP 天数未叠加');
  });

  it('turns the daily cap and a short balance into their own results', () => {
    const cap = outcomeOfDrawError({ status: 400, message: '今日抽奖次数已用完: at most 5 draws a day', details: { reason: 'daily_limit', drawsPerDay: 5 } });
    expect(cap).toMatchObject({ state: 'daily-cap', title: '今日抽奖次数已用完', canDrawAgain: false });
    const poor = outcomeOfDrawError({ status: 400, message: '积分不足: this needs 20 points', details: { reason: 'insufficient_points', needed: 20 } });
    expect(poor).toMatchObject({ state: 'insufficient', detail: '抽一次需要 20 积分，去打卡或完成任务赚积分吧' });
    expect(resultActions(poor).primary.event).toBe('earn');
  });

  it('offers a retry for any other failure, with the message users can read', () => {
    expect(outcomeOfDrawError({ status: 503, message: '服务繁忙: try again' })).toMatchObject({ state: 'error', detail: '服务繁忙', canDrawAgain: true });
    expect(outcomeOfDrawError(new TypeError('request:fail'))).toMatchObject({ state: 'error' });
  });
});

describe('the prize board', () => {
  const prize = (over: Partial<Prize>): Prize => ({ documentId: 'p', name: '奖品', description: null, kind: 'virtual', amount: 0, weight: 1, stock: -1, available: true, ...over });
  const meta = { cost: 20, drawsPerDay: 5, drawsLeftToday: 5, noPrize: '谢谢参与' };

  it('shows what each prize gives and how many are left', () => {
    const board = prizeBoard([prize({ kind: 'makeupCard', amount: 1, stock: 3 }), prize({ kind: 'points', amount: 100 }), prize({ stock: 0, available: false })], meta, 100);
    expect(board.prizes.map((p) => [p.rewardText, p.stockText])).toEqual([['补签卡 ×1', '剩 3 份'], ['+100 积分', ''], ['', '已抽完']]);
    expect(board).toMatchObject({ canDraw: true, costText: '20 积分 / 次', drawsLeftText: '今日还可抽 5 次', allGone: false });
  });

  it('turns the draw off with the reason: no draws left, too few points, every prize gone', () => {
    expect(prizeBoard([prize({})], { ...meta, drawsLeftToday: 0 }).blockedText).toBe('今日次数已用完');
    expect(prizeBoard([prize({})], meta, 10).blockedText).toBe('积分不足（需要 20）');
    const gone = prizeBoard([prize({ stock: 0, available: false })], meta, 100);
    expect(gone).toMatchObject({ allGone: true, canDraw: false, blockedText: '奖品已被抽完' });
    expect(outOfStockOutcome(meta)).toMatchObject({ state: 'out-of-stock', canDrawAgain: false });
  });

  it('words rewards by kind', () => {
    expect(rewardText('vipDays', 30)).toBe('VIP 会员 30 天');
    expect(rewardText('physical', 1)).toBe('');
    expect(rewardText('points', null)).toBe('');
  });

  it('shows a draw record with its prize and cost', () => {
    expect(drawRecordView({ documentId: 'r1', isWinner: false, prizeName: '谢谢参与', prize: null, cost: 20, localDate: '2026-03-05', createdAt: '2026-03-05T02:00:00.000Z' })).toEqual({
      key: 'r1',
      title: '谢谢参与（未中奖）',
      rewardText: '',
      dateText: '2026-03-05',
      costText: '-20 积分',
      isWinner: false,
    });
  });
});
