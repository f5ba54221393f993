import { getApi } from '../../api';
import { communityError, postableBoards, type CommunityBoard } from '../../logic/community';
import {
  checkForm,
  emptyForm,
  MAX_IMAGES,
  nextUpload,
  postBody,
  retryUpload,
  roomForImages,
  slotCaption,
  TEXT_LIMITS,
  uploadDone,
  uploadFailed,
  uploadProgress,
  uploadStarted,
  withChosen,
  withoutSlot,
  writeOutcome,
  writeRefusal,
  type FormCheck,
  type ImageSlot,
  type WriteForm,
  type WriteOutcome,
  type WriteRefusal,
} from '../../logic/community-write';
import type { LoadState } from '../../logic/load-state';
import { chooseImages, previewImages } from '../../platform/media';
import { redirectTo, toast } from '../../platform/ui';

type SlotView = ImageSlot & { caption: string };
type HabitOption = { documentId: string; title: string };

const noRefusal = (): WriteRefusal => ({ message: '', field: '', mutedUntil: '', retryable: false });

/**
 * 发帖 (`?board=<slug>` preselects a board): a board I may post on, a title and the text with their
 * counters, up to 9 images uploaded one at a time as they are chosen (progress, tap a failed one to
 * retry), 匿名 and a habit of mine to share. The answer says 发布成功 (open the post) or 审核中; a refusal
 * keeps the draft and says why (内容含有违规信息 on the field, muted until when, board closed, 429).
 */
Page({
  data: {
    state: 'loading' as LoadState,
    error: '',
    boards: [] as CommunityBoard[],
    boardNames: [] as string[],
    boardIndex: -1,
    habits: [] as HabitOption[],
    habitNames: [] as string[],
    habitIndex: -1,
    form: emptyForm(),
    slots: [] as SlotView[],
    check: checkForm(emptyForm(), [], []) as FormCheck,
    limits: TEXT_LIMITS,
    maxImages: MAX_IMAGES,
    room: MAX_IMAGES,
    sending: false,
    refusal: noRefusal(),
    outcome: null as WriteOutcome | null,
  },
  rawSlots: undefined as ImageSlot[] | undefined,
  // Instance fields start undefined (a page's non-data fields are per instance, set on first use).
  slotSeq: undefined as number | undefined,
  pumping: undefined as boolean | undefined,

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ form: emptyForm(query.board ?? '') });
    void this.load();
  },

  async load() {
    this.setData({ state: 'loading', error: '' });
    const api = getApi();
    // Sharing a habit is optional: without the list the picker just does not show.
    void api.habits.list({ archived: false }).then(
      ({ data }) => {
        const habits = (data ?? []).map((habit) => ({ documentId: habit.documentId ?? '', title: habit.title ?? '' })).filter((habit) => habit.documentId !== '');
        this.setData({ habits, habitNames: ['不关联', ...habits.map((habit) => habit.title)] });
      },
      () => undefined,
    );
    try {
      const { data } = await api.community.boards();
      const boards = postableBoards(data);
      const chosen = boards.findIndex((board) => board.slug === this.data.form.board);
      this.setData({
        boards,
        boardNames: boards.map((board) => board.name),
        boardIndex: chosen,
        form: { ...this.data.form, board: chosen >= 0 ? this.data.form.board : '' },
        state: boards.length > 0 ? 'ready' : 'empty',
      });
      this.refresh(this.data.form, this.slotsNow());
    } catch (error) {
      this.setData({ state: 'error', error: communityError(error) });
    }
  },

  slotsNow(): ImageSlot[] {
    return this.rawSlots ?? [];
  },

  /** Show the form's state after any change (counters, images, whether it can be sent). */
  refresh(form: WriteForm, slots: ImageSlot[]) {
    this.rawSlots = slots;
    this.setData({
      form,
      slots: slots.map((slot) => ({ ...slot, caption: slotCaption(slot) })),
      room: roomForImages(slots),
      check: checkForm(form, slots, this.data.boards),
    });
  },

  onBoard(event: WechatMiniprogram.PickerChange) {
    const index = Number(event.detail.value);
    const board = this.data.boards[index];
    if (!board) return;
    this.setData({ boardIndex: index, refusal: noRefusal() });
    this.refresh({ ...this.data.form, board: board.slug }, this.slotsNow());
  },

  onTitle(event: WechatMiniprogram.Input) {
    this.refresh({ ...this.data.form, title: event.detail.value }, this.slotsNow());
  },

  onContent(event: WechatMiniprogram.Input) {
    this.refresh({ ...this.data.form, content: event.detail.value }, this.slotsNow());
  },

  onAnonymous(event: WechatMiniprogram.SwitchChange) {
    this.refresh({ ...this.data.form, anonymous: Boolean(event.detail.value) }, this.slotsNow());
  },

  onHabit(event: WechatMiniprogram.PickerChange) {
    const index = Number(event.detail.value);
    // Index 0 is 不关联.
    const habit = index > 0 ? this.data.habits[index - 1] : undefined;
    this.setData({ habitIndex: habit ? index : -1 });
    this.refresh({ ...this.data.form, habit: habit?.documentId ?? '' }, this.slotsNow());
  },

  async addImages() {
    const paths = await chooseImages(roomForImages(this.slotsNow()));
    if (paths.length === 0) return;
    const first = this.slotSeq ?? 0;
    this.slotSeq = first + paths.length;
    this.refresh(this.data.form, withChosen(this.slotsNow(), paths, (index) => `image${first + index}`));
    await this.pump();
  },

  /** Send the waiting images one at a time, in the order chosen. */
  async pump() {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let slot = nextUpload(this.slotsNow()); slot; slot = nextUpload(this.slotsNow())) {
        const key = slot.key;
        this.refresh(this.data.form, uploadStarted(this.slotsNow(), key));
        try {
          const { data } = await getApi().community.uploadImage(slot.path, {
            onProgress: (percent) => this.refresh(this.data.form, uploadProgress(this.slotsNow(), key, percent)),
          });
          this.refresh(this.data.form, uploadDone(this.slotsNow(), key, data.documentId));
        } catch (error) {
          this.refresh(this.data.form, uploadFailed(this.slotsNow(), key, error));
        }
      }
    } finally {
      this.pumping = false;
    }
  },

  onImage(event: WechatMiniprogram.TouchEvent) {
    const key = String(event.currentTarget.dataset.key);
    const slot = this.slotsNow().find((each) => each.key === key);
    if (!slot) return;
    if (slot.state === 'failed') {
      this.refresh(this.data.form, retryUpload(this.slotsNow(), key));
      void this.pump();
    } else {
      previewImages(this.slotsNow().map((each) => each.path), slot.path);
    }
  },

  removeImage(event: WechatMiniprogram.TouchEvent) {
    const key = String(event.currentTarget.dataset.key);
    const slot = this.slotsNow().find((each) => each.key === key);
    // One on its way finishes first (its answer would find no slot to land in, harmlessly, but the
    // person would wonder why it is still sending).
    if (!slot || slot.state === 'uploading') return;
    this.refresh(this.data.form, withoutSlot(this.slotsNow(), key));
  },

  async submit() {
    const check = checkForm(this.data.form, this.slotsNow(), this.data.boards);
    if (!check.canSubmit) {
      toast(check.blocker);
      return;
    }
    if (this.data.sending) return;
    this.setData({ sending: true, refusal: noRefusal() });
    try {
      const outcome = writeOutcome(await getApi().community.createPost(postBody(this.data.form, this.slotsNow())));
      if (outcome.moderation === 'published') {
        toast(outcome.title, 'success');
        redirectTo(`/pages/community-post/index?id=${outcome.postDocumentId}`);
      } else {
        this.setData({ outcome });
      }
    } catch (error) {
      // The draft stays as written.
      this.setData({ refusal: writeRefusal(error) });
    }
    this.setData({ sending: false });
  },

  openMine() {
    redirectTo('/pages/community-mine/index');
  },
});
