import { getApi } from '../../api';
import { REFUND_REASONS, refundReason, transitionRefusal } from '../../logic/mall';
import { redirectTo, toast } from '../../platform/ui';

/** 申请退款 `?orderNo=`: a reason chosen and / or written (1..200); the shop decides; the order opens again. */
Page({
  data: {
    orderNo: '',
    reasons: [...REFUND_REASONS],
    chosen: '',
    words: '',
    problem: '',
    sending: false,
  },

  onLoad(query: Record<string, string | undefined> = {}) {
    this.setData({ orderNo: query.orderNo ?? '' });
  },

  onChoose(event: WechatMiniprogram.BaseEvent<Record<string, never>, { reason: string }>) {
    this.setData({ chosen: event.currentTarget.dataset.reason, problem: '' });
  },

  onWords(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ words: event.detail.value, problem: '' });
  },

  async submit() {
    if (this.data.sending) return;
    const { reason, problem } = refundReason(this.data.chosen, this.data.words);
    this.setData({ problem });
    if (problem) return;
    this.setData({ sending: true });
    try {
      await getApi().orders.refund(this.data.orderNo, reason);
      this.setData({ sending: false });
      toast('已提交退款申请', 'success');
      redirectTo(`/pages/order/index?orderNo=${this.data.orderNo}`);
    } catch (error) {
      this.setData({ sending: false, problem: transitionRefusal(error) });
    }
  },
});
