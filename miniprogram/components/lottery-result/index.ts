import { resultActions, type LotteryOutcome, type LotteryOutcomeState } from '../../logic/lottery';

/**
 * <lottery-result outcome="{{outcome}}" bind:again="draw" bind:records="…" bind:earn="…" bind:close="…" />
 * The outcome of a draw (logic/lottery.ts: a prize won, nothing, every prize gone, the daily cap, not
 * enough points, or a failure); hidden while `outcome` is null. Its buttons send `again`, `records`,
 * `earn` (go and earn points) or `close`; a tap on the mask sends `close`.
 */
const ICONS: Record<LotteryOutcomeState, string> = {
  won: '🎁',
  nothing: '🍀',
  'out-of-stock': '📦',
  'daily-cap': '⏰',
  insufficient: '🪙',
  error: '⚠️',
};

Component({
  properties: {
    outcome: { type: Object, value: null as LotteryOutcome | null },
  },
  data: {
    icon: '',
    actions: null as ReturnType<typeof resultActions> | null,
  },
  observers: {
    outcome(outcome: LotteryOutcome | null) {
      this.setData({ icon: outcome ? ICONS[outcome.state] : '', actions: outcome ? resultActions(outcome) : null });
    },
  },
  methods: {
    onAction(event: WechatMiniprogram.TouchEvent) {
      const name = (event.currentTarget.dataset as { event?: string }).event;
      if (name) this.triggerEvent(name, { state: (this.data.outcome as LotteryOutcome | null)?.state ?? '' });
    },
    onClose() {
      this.triggerEvent('close', { state: (this.data.outcome as LotteryOutcome | null)?.state ?? '' });
    },
  },
});
