import { getApi } from '../../api';
import { applyEvent, checkDraft, emptyChat, failSending, linesFromTurns, quotaLine, startSending, type ChatState } from '../../logic/coach-chat';
import { messageOf } from '../../logic/load-state';
import { newIdempotencyKey } from '../../logic/mall';
import { navigateTo, toast } from '../../platform/ui';

/** 戒烟军师: chat with the AI coach, the answer appearing as it is written, the day's quota under the input. */
Page({
  data: {
    chat: emptyChat() as ChatState,
    draft: '',
    quotaText: '',
    bottom: '',
    loading: false,
  },

  onLoad(query: Record<string, string | undefined>) {
    if (query.conversationId) void this.loadConversation(query.conversationId);
    void this.loadQuota();
  },

  async loadConversation(id: string) {
    this.setData({ loading: true });
    try {
      const answer = await getApi().coach.messages(id);
      this.show({ ...emptyChat(id), lines: linesFromTurns(answer.data) });
    } catch (error) {
      toast(messageOf(error));
    } finally {
      this.setData({ loading: false });
    }
  },

  async loadQuota() {
    try {
      const answer = await getApi().coach.quota();
      this.show({ ...this.data.chat, quota: answer.data });
    } catch {
      // The quota line stays empty; sending still says what is wrong.
    }
  },

  show(chat: ChatState) {
    const last = chat.lines[chat.lines.length - 1];
    this.setData({ chat, quotaText: quotaLine(chat.quota), bottom: last ? last.key : '' });
  },

  onInput(event: WechatMiniprogram.Input) {
    this.setData({ draft: event.detail.value });
  },

  async onSend() {
    if (this.data.chat.sending) return;
    const checked = checkDraft(this.data.draft);
    if (!checked.ok) {
      toast(checked.reason);
      return;
    }
    let chat = startSending(this.data.chat, checked.text);
    this.setData({ draft: '' });
    this.show(chat);
    const body = { message: checked.text, idempotencyKey: newIdempotencyKey(getApi().client.platform.now()), ...(chat.conversationId ? { conversationId: chat.conversationId } : {}) };
    try {
      await getApi().coach.ask(body, (event) => {
        chat = applyEvent(chat, event);
        this.show(chat);
      });
      if (chat.sending) this.show({ ...chat, sending: false });
    } catch (error) {
      this.show(failSending(chat, error));
    }
  },

  onBannerAction() {
    if (this.data.chat.action === 'membership') navigateTo('/pages/membership/index');
  },
});
