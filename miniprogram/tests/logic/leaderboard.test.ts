import { leaderboardRows, myPlaceView, needsRegion, upsellFrom, type BoardEntry } from '../../logic/leaderboard';

const entry = (rank: number, over: Partial<BoardEntry> = {}): BoardEntry => ({
  rank,
  nickname: `用户${rank}`,
  avatar: null,
  score: 100 - rank,
  isMe: false,
  reachedAt: '2026-12-01T08:00:00.000Z',
  ...over,
});

describe('leaderboard rows', () => {
  it('gives the top three their medals and the score its unit', () => {
    const rows = leaderboardRows([entry(1), entry(2), entry(3), entry(4)], 'total-days');
    expect(rows.map((r) => r.medal)).toEqual(['gold', 'silver', 'bronze', '']);
    expect(rows[0].scoreText).toBe('99 天');
    expect(leaderboardRows([entry(1, { score: 1200 })], 'points-earned')[0].scoreText).toBe('1200 分');
  });

  it('marks my row, and names users who hide their nickname', () => {
    const rows = leaderboardRows([entry(1, { isMe: true, nickname: '小明' }), entry(2, { nickname: null }), entry(3, { nickname: '  ' })], 'consecutive-days');
    expect(rows[0]).toMatchObject({ isMe: true, nickname: '小明', initial: '小' });
    expect(rows[1].nickname).toBe('匿名用户');
    expect(rows[2].nickname).toBe('匿名用户');
  });
});

describe('my place', () => {
  it('says my rank, score and how many I beat', () => {
    expect(myPlaceView({ rank: 12, score: 30, total: 200, percentile: 94.5 }, 'total-days')).toEqual({
      ranked: true,
      rankText: '第 12 名',
      scoreText: '30 天',
      detailText: '共 200 人，超过 94.5% 的用户',
    });
  });

  it('says I am not on the board yet', () => {
    expect(myPlaceView({ rank: null, score: 0, total: 10, percentile: null }, 'total-days')).toMatchObject({ ranked: false, rankText: '未上榜' });
    expect(myPlaceView(null, 'total-days').ranked).toBe(false);
  });
});

describe('the membership upsell', () => {
  const forbidden = {
    status: 403,
    name: 'ForbiddenError',
    message: '全国排行榜仅对会员开放，开通VIP / AI会员即可查看 (the national leaderboard is for vip or ai members: upgrade your membership in the app to unlock it)',
    details: { reason: 'membership_required', scope: 'national', required: ['vip', 'ai'], current: 'free' },
  };

  it('turns a 403 membership_required into an offer built from its details', () => {
    expect(upsellFrom(forbidden)).toEqual({
      scope: 'national',
      required: ['vip', 'ai'],
      current: 'free',
      title: '全国排行榜仅对会员开放',
      text: '开通 VIP 会员 或 AI 戒烟军师 即可查看',
      buttonText: '开通会员',
    });
  });

  it('is no upsell for any other failure', () => {
    expect(upsellFrom({ ...forbidden, details: { reason: 'blocked' } })).toBeNull();
    expect(upsellFrom({ status: 500, message: 'x' })).toBeNull();
    expect(upsellFrom(new Error('network'))).toBeNull();
  });

  it('recognises a regional board asked for without a region in the profile', () => {
    expect(needsRegion({ status: 400, message: 'Your profile has no city', details: { field: 'region', reason: 'no_region' } })).toBe(true);
    expect(needsRegion({ status: 400, message: 'x', details: {} })).toBe(false);
  });
});
