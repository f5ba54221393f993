/** @jest-environment jsdom */
import { postCard } from '../../logic/community';
import { eventsOf, hasClass, renderComponent, simulate, tap, textOf } from '../helpers/simulate';
import { docId, image, NOW, post } from '../helpers/community-fixtures';

describe('post-card', () => {
  it('shows the author, time, text, images, the shared habit and counts', () => {
    const card = renderComponent('post-card', {
      card: postCard(
        post(2, {
          images: [image(1), image(2)],
          link: { kind: 'habit', documentId: docId('habit'), title: '早起', localDate: null, currentStreak: 12, longestStreak: 21, totalCheckIns: 112 },
          likeCount: 12_400,
          commentCount: 3,
        }),
        NOW,
      ),
    });
    expect(textOf(card, '.author')).toBe('同学2');
    expect(textOf(card, '.time')).toBe('2 小时前');
    expect(textOf(card, '.title')).toBe('第 2 篇');
    expect(card.querySelectorAll('.cell')).toHaveLength(2);
    expect(hasClass(card.querySelector('.grid'), 'grid-two')).toBe(true);
    expect(textOf(card, '.link-title')).toBe('习惯 · 早起');
    expect(card.querySelectorAll('.link-line').map((node) => node.dom.textContent)).toEqual(['连续 12 天', '最长 21 天', '累计 112 次']);
    expect(textOf(card, '.like')).toBe('♡ 1.2万');
    expect(textOf(card, '.comments')).toBe('评论 3');
  });

  it('shows 匿名用户 with no avatar, 置顶, and my post’s status with the reason', () => {
    const anonymous = renderComponent('post-card', { card: postCard(post(1, { author: { documentId: null, nickname: '匿名用户', avatar: 'http://x/a.png', anonymous: true }, pinned: true }), NOW) });
    expect(textOf(anonymous, '.author')).toBe('匿名用户');
    expect(anonymous.querySelector('image.avatar')).toBeUndefined();
    expect(textOf(anonymous, '.tag-pinned')).toBe('置顶');
    const mine = renderComponent('post-card', { card: postCard(post(1, { mine: true, status: 'rejected', moderationNote: '广告' }), NOW) });
    expect(textOf(mine, '.status')).toBe('未通过');
    expect(textOf(mine, '.status-note')).toBe('原因：广告');
  });

  it('sends open, like and preview, and no like while one is on its way', async () => {
    const card = renderComponent('post-card', { card: postCard(post(1, { images: [image(1), image(2), image(3)] }), NOW) });
    const opened = eventsOf(card, 'open');
    const liked = eventsOf(card, 'like');
    const previewed = eventsOf(card, 'preview');
    await tap(card.querySelector('.text'));
    await tap(card.querySelector('.like'));
    await tap(card.querySelectorAll('.cell')[2]);
    expect(opened).toEqual([{ documentId: docId('post', 1) }]);
    expect(liked).toEqual([{ documentId: docId('post', 1) }]);
    expect(previewed).toEqual([{ documentId: docId('post', 1), index: 2 }]);
    card.setData({ busy: true });
    await tap(card.querySelector('.like'));
    expect(liked).toHaveLength(1);
  });
});

describe('report-sheet', () => {
  const open = () => renderComponent('report-sheet', { show: true, targetType: 'comment', targetDocumentId: docId('comment') });

  it('lists the reasons in Chinese and sends the chosen one with the note', async () => {
    const sheet = open();
    expect(textOf(sheet, '.sheet-title')).toBe('举报评论');
    expect(sheet.querySelectorAll('.reason').map((node) => node.dom.textContent)).toEqual(['垃圾广告', '辱骂攻击', '色情低俗', '政治敏感', '诈骗', '其他']);
    const submitted = eventsOf(sheet, 'submit');
    await tap(sheet.querySelector('.submit'));
    expect(submitted).toEqual([]);
    await tap(sheet.querySelectorAll('.reason')[1]);
    expect(hasClass(sheet.querySelectorAll('.reason')[1], 'reason-chosen')).toBe(true);
    sheet.querySelector('.note')!.dispatchEvent('input', { detail: { value: '骂人' } });
    await simulate.sleep(0);
    expect(textOf(sheet, '.note-count')).toBe('2/200');
    await tap(sheet.querySelector('.submit'));
    expect(submitted).toEqual([{ targetType: 'comment', targetDocumentId: docId('comment'), reason: 'abuse', note: '骂人' }]);
  });

  it('shows 已举报 once reported, and the failure otherwise', async () => {
    const sheet = open();
    sheet.setData({ error: '举报太频繁，请稍后再试' });
    await simulate.sleep(0);
    expect(textOf(sheet, '.error')).toBe('举报太频繁，请稍后再试');
    sheet.setData({ reported: true });
    await simulate.sleep(0);
    expect(textOf(sheet, '.done-text')).toBe('已举报');
    expect(sheet.querySelector('.submit')).toBeUndefined();
    const closed = eventsOf(sheet, 'close');
    await tap(sheet.querySelector('.close'));
    expect(closed.length).toBeGreaterThan(0);
  });
});
