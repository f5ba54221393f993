import { checkInCardView, type CheckInCardInput } from '../../logic/check-in-card';

/**
 * <check-in-card habit-id="…" title="早起" checked-in="{{…}}" pending="{{…}}" busy="{{…}}"
 *   streak="{{3}}" streak-unit="days" points-won="{{10}}" bind:checkin="…" bind:undo="…" bind:open="…" />
 * One habit's check-in for today. A tap on the button sends `checkin` (not yet checked in) or `undo`
 * (checked in on the server), each with `{ habitId }`; while a request is in flight (`busy`) or the
 * check-in waits in the offline queue (`pending`) it sends nothing. A tap elsewhere sends `open`.
 */
const viewOf = (data: CheckInCardInput) =>
  checkInCardView({
    checkedIn: data.checkedIn,
    pending: data.pending,
    busy: data.busy,
    streak: data.streak,
    streakUnit: data.streakUnit || 'days',
    pointsWon: data.pointsWon,
  });

Component({
  properties: {
    habitId: { type: String, value: '' },
    title: { type: String, value: '' },
    checkedIn: { type: Boolean, value: false },
    pending: { type: Boolean, value: false },
    busy: { type: Boolean, value: false },
    streak: { type: Number, value: 0 },
    streakUnit: { type: String, value: 'days' },
    pointsWon: { type: Number, value: 0 },
  },
  data: {
    view: checkInCardView({ checkedIn: false }),
  },
  observers: {
    'checkedIn, pending, busy, streak, streakUnit, pointsWon'() {
      this.setData({ view: viewOf(this.data) });
    },
  },
  lifetimes: {
    attached() {
      this.setData({ view: viewOf(this.data) });
    },
  },
  methods: {
    onTapButton() {
      const { action } = this.data.view;
      if (action) this.triggerEvent(action, { habitId: this.data.habitId });
    },
    onOpen() {
      this.triggerEvent('open', { habitId: this.data.habitId });
    },
  },
});
