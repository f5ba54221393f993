/**
 * <state-view state="{{state}}" message="{{error}}" bind:retry="reload">…content…</state-view>
 * Loading, empty and error views for any page or list; in the `ready` state it shows its content (the
 * slot). `retry` is sent from the error view, `action` from the empty view's optional button.
 */
Component({
  options: { multipleSlots: false },
  properties: {
    state: { type: String, value: 'loading' },
    message: { type: String, value: '' },
    loadingText: { type: String, value: '加载中…' },
    emptyText: { type: String, value: '这里还什么都没有' },
    actionText: { type: String, value: '' },
  },
  methods: {
    onRetry() {
      this.triggerEvent('retry', {});
    },
    onAction() {
      this.triggerEvent('action', {});
    },
  },
});
