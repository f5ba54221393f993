/** @jest-environment jsdom */
import { challengeCard } from '../../logic/challenges';
import { eventsOf, renderComponent, tap, textOf } from '../helpers/simulate';
import { challenge, docId, NOW, participation } from '../helpers/challenge-fixtures';

/** components/challenge-card: what a card shows, and the `open` it sends. */

describe('challenge-card', () => {
  it('shows a joined challenge with my progress bar, and sends open with its documentId', async () => {
    const card = renderComponent('challenge-card', { card: challengeCard(challenge(1, { me: participation({ daysDone: 7 }) }), NOW) });
    expect(textOf(card, '.title')).toBe('21 天早起挑战');
    expect(textOf(card, '.cover-initial')).toBe('🌅');
    expect(textOf(card, '.reward')).toBe('完成奖励 100 积分 · 徽章「早起达人」 · 前 3 名再得 50 积分');
    expect(textOf(card, '.mine-text')).toBe('进行中 7/14 天');
    expect(card.querySelector('.bar-fill')!.dom.getAttribute('style')).toContain('width: 50%');
    const opened = eventsOf(card, 'open');
    await tap(card.querySelector('.challenge'));
    expect(opened).toEqual([{ documentId: docId('chal', 1) }]);
  });

  it('shows a cover image and no mine for a challenge I am not in', () => {
    const card = renderComponent('challenge-card', { card: challengeCard(challenge(2, { coverUrl: 'https://cdn.example/c.png', phase: 'ended', joinable: false }), NOW) });
    expect(card.querySelector('.cover-initial')).toBeFalsy();
    expect(textOf(card, '.phase')).toBe('已结束');
    expect(card.querySelector('.mine')).toBeFalsy();
  });
});
