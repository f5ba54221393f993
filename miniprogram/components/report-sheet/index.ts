import { checkReport, reasonOptions } from '../../logic/community-report';
import { TEXT_LIMITS } from '../../logic/community-write';

/**
 * <report-sheet show="{{…}}" target-type="post" target-document-id="…" busy="{{…}}" reported="{{…}}" error="{{…}}"
 *   bind:submit="…" bind:close="…" />
 * The 举报 sheet: a reason (the server's REPORT_REASONS in Chinese), an optional note with its counter,
 * 提交. It sends `submit` ({ targetType, targetDocumentId, reason, note }) and `close`; the page sends the
 * report and tells it back: `busy` while on its way, `reported` (shows 已举报), or `error`.
 */
const fresh = () => ({ reason: '', note: '', options: reasonOptions(''), check: checkReport('', ''), noteMax: TEXT_LIMITS.reportNote });

Component({
  properties: {
    show: { type: Boolean, value: false },
    targetType: { type: String, value: 'post' },
    targetDocumentId: { type: String, value: '' },
    busy: { type: Boolean, value: false },
    reported: { type: Boolean, value: false },
    error: { type: String, value: '' },
  },
  data: fresh(),
  observers: {
    'targetType, targetDocumentId'() {
      // Another post or comment: start over.
      this.setData(fresh());
    },
  },
  methods: {
    onReason(event: WechatMiniprogram.TouchEvent) {
      const reason = String(event.currentTarget.dataset.reason);
      this.setData({ reason, options: reasonOptions(reason), check: checkReport(reason, this.data.note) });
    },
    onNote(event: WechatMiniprogram.Input) {
      const note = event.detail.value;
      this.setData({ note, check: checkReport(this.data.reason, note) });
    },
    onSubmit() {
      if (!this.data.check.canSubmit || this.data.busy || this.data.reported) return;
      this.triggerEvent('submit', { targetType: this.data.targetType, targetDocumentId: this.data.targetDocumentId, reason: this.data.reason, note: this.data.note });
    },
    onClose() {
      this.triggerEvent('close', {});
    },
    // The sheet's own taps stay inside it (a tap on the mask closes it).
    onSheet() {},
  },
});
