/** @jest-environment jsdom */
import { eventsOf, tap, renderComponent, simulate, textOf } from '../helpers/simulate';

describe('state view', () => {
  it('shows loading, then empty with its text and action', async () => {
    const comp = renderComponent('state-view', { state: 'loading' });
    expect(textOf(comp, '.state-loading')).toBe('加载中…');
    comp.setData({ state: 'empty', emptyText: '还没有日记', actionText: '写一篇' });
    await simulate.sleep(0);
    expect(textOf(comp, '.state-empty .state-text')).toBe('还没有日记');
    const action = eventsOf(comp, 'action');
    await tap(comp.querySelector('.state-action')!);
    expect(action).toEqual([{}]);
  });

  it('shows an error with its message and asks for a retry', async () => {
    const comp = renderComponent('state-view', { state: 'error', message: '网络不给力，请稍后重试' });
    expect(textOf(comp, '.state-error .state-text')).toBe('网络不给力，请稍后重试');
    const retry = eventsOf(comp, 'retry');
    await tap(comp.querySelector('.state-retry')!);
    expect(retry).toEqual([{}]);
  });

  it('shows nothing of its own when ready', async () => {
    const comp = renderComponent('state-view', { state: 'ready' });
    expect(comp.querySelector('.state')).toBeFalsy();
  });
});
