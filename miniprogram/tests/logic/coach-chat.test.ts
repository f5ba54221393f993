import { applyEvent, checkDraft, emptyChat, failSending, quotaLine, startSending, type ChatState, type CoachEvent } from '../../logic/coach-chat';

const play = (state: ChatState, events: CoachEvent[]) => events.reduce(applyEvent, state);
const streamed = (text: string): CoachEvent[] => Array.from(text, (t) => ({ type: 'delta', text: t }));

describe('the coach chat', () => {
  it('shows the user’s turn at once and fills the coach’s turn as the stream arrives, in order', () => {
    let state = startSending(emptyChat(), '好想抽烟');
    expect(state.lines.map((l) => [l.role, l.content, l.state])).toEqual([
      ['user', '好想抽烟', 'done'],
      ['assistant', '', 'streaming'],
    ]);
    state = play(state, [{ type: 'start', conversationId: 'conv1', messageId: 9 }, ...streamed('先深呼吸')]);
    expect(state.conversationId).toBe('conv1');
    expect(state.lines[1]).toMatchObject({ content: '先深呼吸', state: 'streaming' });
    expect(state.sending).toBe(true);
    state = applyEvent(state, { type: 'done', message: { content: '先深呼吸' }, quota: { remaining: 1200, limit: 2000, unit: 'tokens' } });
    expect(state.lines[1]).toMatchObject({ content: '先深呼吸', state: 'done' });
    expect(state.sending).toBe(false);
    expect(quotaLine(state.quota)).toBe('今日剩余 1200 / 2000 tokens');
  });

  it('keeps what streamed when the answer breaks off, marked unfinished', () => {
    const state = play(startSending(emptyChat('c'), 'hi'), [...streamed('你好'), { type: 'error', status: 503, name: 'ServiceUnavailableError', message: 'AI 教练暂时不可用: the provider failed' }]);
    expect(state.lines[1]).toMatchObject({ content: '你好', state: 'cut' });
    expect(state.banner).toBe('AI 教练暂时不可用');
    expect(state.sending).toBe(false);
  });

  it('shows the safe refusal instead of an answer the safety check refused', () => {
    const state = play(startSending(emptyChat('c'), 'hi'), [...streamed('不当内容'), { type: 'replace', text: '抱歉，这个问题我没法回答。' }, { type: 'done', message: { content: '抱歉，这个问题我没法回答。', status: 'refused' } }]);
    expect(state.lines[1]).toMatchObject({ content: '抱歉，这个问题我没法回答。', state: 'refused' });
  });

  it('takes the empty turn back and says why when the request is refused before streaming', () => {
    const overQuota = failSending(startSending(emptyChat(), 'hi'), { status: 429, message: '今日 AI 额度已用完', details: { reason: 'quota_exceeded', resetsAt: '2026-12-05T16:00:00.000Z' } });
    expect(overQuota.lines.map((l) => l.role)).toEqual(['user']);
    expect(overQuota.banner).toMatch(/^今日 AI 额度已用完，\d\d:\d\d 后恢复$/);
    const notMember = failSending(startSending(emptyChat(), 'hi'), { status: 403, message: 'AI 功能未开通: this needs an AI membership', details: { reason: 'membership_required' } });
    expect(notMember).toMatchObject({ banner: 'AI 功能未开通', action: 'membership', sending: false });
    const offline = failSending(startSending(emptyChat(), 'hi'), Object.assign(new Error('request:fail'), { name: 'NetworkError' }));
    expect(offline.banner).toBe('网络不给力，请稍后重试');
  });

  it('sends only a trimmed message within 500 characters', () => {
    expect(checkDraft('  ')).toEqual({ ok: false, reason: '先说点什么吧' });
    expect(checkDraft('烟'.repeat(501))).toEqual({ ok: false, reason: '一次最多 500 个字' });
    expect(checkDraft(' 想抽烟 ')).toEqual({ ok: true, text: '想抽烟' });
  });
});
