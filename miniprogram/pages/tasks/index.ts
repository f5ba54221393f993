import { getApi } from '../../api';
import { messageOf, type LoadState } from '../../logic/load-state';
import { pageLoader, type PageLoader } from '../../logic/list-loader';
import { emptyList, footerOf, listState, paginationOf, type PagedList } from '../../logic/paged-list';
import { alreadyCompleted, CATEGORIES, newTaskInput, progressText, replaceTask, taskOf, taskRow, type Task, type TaskRow } from '../../logic/tasks';
import { confirm, stopPullDownRefresh, toast } from '../../platform/ui';

const PAGE_SIZE = 20;

/**
 * 每日任务: today's tasks (GET /api/tasks, made from the editors' templates on the first read of the
 * day), completing one (POST /api/tasks/:id/complete, its points once), adding and deleting one's own.
 */
Page({
  data: {
    list: emptyList<Task>(),
    rows: [] as TaskRow[],
    busyId: '',
    state: 'loading' as LoadState,
    error: '',
    footer: { text: '', canLoadMore: false },
    progress: '',
    categories: CATEGORIES,
    categoryIndex: 0,
    newTitle: '',
    adding: false,
  },
  loader: undefined as PageLoader | undefined,


  onLoad() {
    void this.reload();
  },

  async onPullDownRefresh() {
    await this.reload();
    stopPullDownRefresh();
  },

  onReachBottom() {
    void this.more();
  },

  async reload() {
    await this.pages().reload();
  },

  async more() {
    await this.pages().more();
  },

  /** The list's pages; an answer overtaken by a newer read is dropped. */
  pages(): PageLoader {
    this.loader ??= pageLoader<Task>({ list: () => this.data.list, show: (list) => this.show(list) }, async (page) => {
      const answer = await getApi().tasks.list({ page, pageSize: PAGE_SIZE });
      const tasks = (answer.data ?? []).map(taskOf);
      return { items: tasks, pagination: paginationOf(answer.meta, { page, pageSize: PAGE_SIZE }, tasks.length) };
    });
    return this.loader;
  },

  show(list: PagedList<Task>, busy?: string) {
    const busyId = busy ?? this.data.busyId;
    this.setData({
      list,
      busyId,
      rows: list.items.map((task) => taskRow(task, task.documentId === busyId)),
      state: listState(list),
      error: list.error,
      footer: footerOf(list),
      progress: progressText(list.items),
    });
  },

  withTask(updated: Task) {
    const { list } = this.data;
    this.show({ ...list, items: replaceTask(list.items, updated) }, '');
  },

  async complete(event: WechatMiniprogram.TouchEvent) {
    const id = String(event.currentTarget.dataset.id);
    if (this.data.busyId) return;
    this.show(this.data.list, id);
    try {
      const answer = await getApi().tasks.complete(id);
      this.withTask(taskOf(answer.data));
      if (answer.meta.points.awarded > 0) toast(`+${answer.meta.points.awarded} 积分`, 'success');
    } catch (error) {
      const done = alreadyCompleted(error);
      if (done) {
        this.withTask(done);
        return;
      }
      this.show(this.data.list, '');
      toast(messageOf(error));
    }
  },

  async remove(event: WechatMiniprogram.TouchEvent) {
    const id = String(event.currentTarget.dataset.id);
    if (!(await confirm('删除任务', '确定删除这个任务吗？'))) return;
    try {
      await getApi().tasks.remove(id);
      const { list } = this.data;
      this.show({ ...list, items: list.items.filter((task) => task.documentId !== id), total: Math.max(0, list.total - 1) });
    } catch (error) {
      toast(messageOf(error));
    }
  },

  onCategory(event: WechatMiniprogram.PickerChange) {
    this.setData({ categoryIndex: Number(event.detail.value) });
  },

  onTitle(event: WechatMiniprogram.Input) {
    this.setData({ newTitle: event.detail.value });
  },

  async add() {
    if (this.data.adding) return;
    const input = newTaskInput(this.data.newTitle, CATEGORIES[this.data.categoryIndex].value);
    if (!input.ok) {
      toast(input.message);
      return;
    }
    this.setData({ adding: true });
    try {
      await getApi().tasks.create(input.data);
      this.setData({ adding: false, newTitle: '' });
      await this.reload();
    } catch (error) {
      this.setData({ adding: false });
      toast(messageOf(error));
    }
  },
});
