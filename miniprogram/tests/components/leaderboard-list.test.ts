/** @jest-environment jsdom */
import { upsellFrom } from '../../logic/leaderboard';
import { eventsOf, hasClass, tap, renderComponent, textOf } from '../helpers/simulate';

const entries = [
  { rank: 1, nickname: '阿强', avatar: 'https://thirdwx.qlogo.cn/a.png', score: 120, reachedAt: '2026-03-01T00:00:00.000Z', isMe: false },
  { rank: 2, nickname: '小明', avatar: null, score: 98, reachedAt: '2026-03-01T00:00:00.000Z', isMe: true },
  { rank: 3, nickname: null, avatar: null, score: 97, reachedAt: '2026-03-01T00:00:00.000Z', isMe: false },
  { rank: 4, nickname: '阿花', avatar: null, score: 40, reachedAt: '2026-03-01T00:00:00.000Z', isMe: false },
];

describe('leaderboard list', () => {
  it('shows the rows with medals, avatars or initials, and scores with their unit', async () => {
    const comp = renderComponent('leaderboard-list', { entries, metric: 'total-days' });
    const rows = comp.querySelectorAll('.row');
    expect(rows).toHaveLength(4);
    const ranks = comp.querySelectorAll('.rank');
    expect(['medal-gold', 'medal-silver', 'medal-bronze', 'medal-none'].map((medal, i) => hasClass(ranks[i], medal))).toEqual([true, true, true, true]);
    expect(comp.querySelectorAll('.avatar')[0].dom.tagName.toLowerCase()).toBe('wx-image');
    expect(comp.querySelectorAll('.avatar-initial').map((node) => node.dom.textContent)).toEqual(['小', '匿', '阿']);
    expect(comp.querySelectorAll('.nickname').map((node) => node.dom.textContent)).toEqual(['阿强', '小明（我）', '匿名用户', '阿花']);
    expect(comp.querySelectorAll('.score').map((node) => node.dom.textContent)).toEqual(['120 天', '98 天', '97 天', '40 天']);
  });

  it('highlights my row', async () => {
    const comp = renderComponent('leaderboard-list', { entries, metric: 'total-days' });
    expect(comp.querySelectorAll('.row-me')).toHaveLength(1);
    expect(textOf(comp, '.row-me .nickname')).toBe('小明（我）');
  });

  it('shows my place under the board, ranked or not', async () => {
    const ranked = renderComponent('leaderboard-list', { entries, metric: 'points-earned', me: { rank: 57, score: 310, total: 1200, percentile: 95.3 } });
    expect(textOf(ranked, '.mine-rank')).toBe('第 57 名');
    expect(textOf(ranked, '.mine-score')).toBe('310 分');
    expect(textOf(ranked, '.mine-detail')).toBe('共 1200 人，超过 95.3% 的用户');

    const unranked = renderComponent('leaderboard-list', { entries, metric: 'total-days', me: { rank: null, score: 0, total: 1200, percentile: null } });
    expect(textOf(unranked, '.mine-rank')).toBe('未上榜');
    expect(unranked.querySelector('.mine-unranked')).not.toBeNull();
  });

  it('asks for more rows when there are more', async () => {
    const comp = renderComponent('leaderboard-list', { entries, metric: 'total-days', hasMore: true });
    const more = eventsOf(comp, 'more');
    await tap(comp.querySelector('.more')!);
    expect(more).toEqual([{}]);

    const loading = renderComponent('leaderboard-list', { entries, metric: 'total-days', hasMore: true, loadingMore: true });
    const none = eventsOf(loading, 'more');
    await tap(loading.querySelector('.more')!);
    expect(none).toEqual([]);
    expect(textOf(loading, '.more')).toBe('加载中…');
  });

  it('shows the membership offer instead of the board a 403 keeps closed, and asks for the upgrade', async () => {
    const forbidden = {
      status: 403,
      message: '全国排行榜仅对会员开放，开通VIP / AI会员即可查看 (the national leaderboard is for vip or ai members: upgrade your membership in the app to unlock it)',
      details: { reason: 'membership_required', scope: 'national', required: ['vip', 'ai'], current: 'free' },
    };
    const comp = renderComponent('leaderboard-list', { entries: [], metric: 'total-days', upsell: upsellFrom(forbidden) });
    expect(comp.querySelectorAll('.row')).toHaveLength(0);
    expect(textOf(comp, '.upsell-title')).toBe('全国排行榜仅对会员开放');
    expect(textOf(comp, '.upsell-text')).toBe('开通 VIP 会员 或 AI 戒烟军师 即可查看');
    const upgrade = eventsOf(comp, 'upgrade');
    await tap(comp.querySelector('.upsell-button')!);
    expect(upgrade).toEqual([{ scope: 'national' }]);
  });

  it('says nobody is on an empty board', async () => {
    const comp = renderComponent('leaderboard-list', { entries: [], metric: 'total-days' });
    expect(textOf(comp, '.board-empty')).toBe('还没有人上榜，快去打卡吧');
  });
});
