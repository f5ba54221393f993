/** @jest-environment jsdom */
import type { WxAnswer, WxCall, WxDouble } from '../helpers/wx-double';
import { installApp, ok, renderPage, settle } from '../helpers/page';
import { tap, textOf } from '../helpers/simulate';

/** 戒烟军师: the answer streams into the page as it arrives; refusals before it (quota, membership) show on the banner. */
const quota = { tier: 'ai', unit: 'tokens', limit: 60000, used: 1200, remaining: 58800, day: '2026-12-04', resetsAt: '2026-12-04T16:00:00.000Z', trialEndsAt: null };
const answerText = '先深呼吸三次，再喝一杯温水。';
const sse = (events: unknown[]) => [new Uint8Array(Buffer.from(events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join(''), 'utf8'))];

let double: WxDouble;
let chatAnswer: (call: WxCall) => WxAnswer;
const handler = (call: WxCall): WxAnswer | 'fail' => {
  const path = new URL(call.url).pathname;
  if (path === '/api/ai/quota') return ok({ data: quota, meta: {} });
  if (path === '/api/ai/chat') return chatAnswer(call);
  return { status: 404, body: null };
};

beforeEach(() => {
  ({ double } = installApp(handler));
  chatAnswer = () => ({
    status: 200,
    headers: { 'content-type': 'text/event-stream' },
    chunks: sse([
      { type: 'start', conversationId: 'conv1', questionId: 'q1' },
      ...Array.from(answerText, (text) => ({ type: 'delta', text })),
      { type: 'done', message: { id: 'a1', role: 'assistant', content: answerText, status: 'complete' }, quota: { ...quota, used: 1500, remaining: 58500 } },
    ]),
  });
});

const send = async (text: string) => {
  const page = renderPage('coach');
  page.instance.onLoad({});
  await settle();
  page.instance.onInput({ detail: { value: text } } as unknown as WechatMiniprogram.Input);
  await tap(page.querySelector('.send'));
  await settle(30);
  return page;
};

describe('the coach chat page', () => {
  it('streams the answer into the coach’s bubble and shows the day’s quota', async () => {
    const page = await send('好想抽烟');
    const call = double.calls.find((c) => new URL(c.url).pathname === '/api/ai/chat')!;
    expect(call.chunked).toBe(true);
    expect(call.body).toMatchObject({ message: '好想抽烟' });
    const bubbles = page.querySelectorAll('.bubble');
    expect(bubbles.map((b) => b.dom.textContent?.trim())).toEqual(['好想抽烟', answerText]);
    expect(textOf(page, '.quota')).toBe('今日剩余 58500 / 60000 tokens');
    // The next question continues the same conversation.
    page.instance.onInput({ detail: { value: '谢谢' } } as unknown as WechatMiniprogram.Input);
    await tap(page.querySelector('.send'));
    await settle(30);
    expect(double.calls.filter((c) => new URL(c.url).pathname === '/api/ai/chat')[1].body).toMatchObject({ message: '谢谢', conversationId: 'conv1' });
  });

  it('says when the day’s budget is spent, taking the empty answer back', async () => {
    chatAnswer = () => ({
      status: 429,
      headers: { 'content-type': 'application/json', 'retry-after': '3600' },
      body: { data: null, error: { status: 429, name: 'RateLimitError', message: '今日 AI 额度已用完: the coach’s daily budget is spent', details: { reason: 'quota_exceeded', resetsAt: '2026-12-04T16:00:00.000Z' } } },
    });
    const page = await send('你好');
    expect(page.querySelectorAll('.bubble')).toHaveLength(1);
    expect(textOf(page, '.banner')).toMatch(/^今日 AI 额度已用完/);
  });

  it('offers the membership when the coach needs one', async () => {
    chatAnswer = () => ({
      status: 403,
      headers: { 'content-type': 'application/json' },
      body: { data: null, error: { status: 403, name: 'ForbiddenError', message: 'AI 功能未开通: the AI coach needs a membership', details: { reason: 'membership_required', current: 'free' } } },
    });
    const page = await send('你好');
    expect(textOf(page, '.banner')).toContain('AI 功能未开通');
    expect(textOf(page, '.banner-action')).toBe('去开通 ›');
  });
});
