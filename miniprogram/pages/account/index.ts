import { getApi } from '../../api';
import { messageOf } from '../../logic/load-state';
import { DELETION_WARNING, deletionNotice, exportSummary } from '../../logic/me';
import { timeText } from '../../logic/points';
import { confirm, copyText, switchTab, toast } from '../../platform/ui';

/**
 * 账号与数据: export everything I own (GET /api/me/export, shown as counts and copied as JSON) and delete
 * the account (DELETE /api/me): signed out at once, purged after the grace period, restored by signing
 * in again before then, which the app does only when asked (恢复账号), never by itself.
 */
/** The last export as JSON, outside `data`: setData carries at most 1 MB, and the view needs only the counts. */
let exportJson = '';

Page({
  data: {
    exporting: false,
    exportedAt: '',
    exportRows: [] as Array<{ key: string; label: string; count: number }>,
    exportError: '',
    deleting: false,
    deleteError: '',
    deletedNotice: '',
    restoring: false,
  },

  async exportData() {
    if (this.data.exporting) return;
    this.setData({ exporting: true, exportError: '' });
    try {
      const { data } = await getApi().account.export();
      exportJson = JSON.stringify(data, null, 2);
      this.setData({ exporting: false, exportedAt: timeText(data.exportedAt), exportRows: exportSummary(data) });
    } catch (error) {
      this.setData({ exporting: false, exportError: messageOf(error) });
    }
  },

  copyExport() {
    if (exportJson) copyText(exportJson);
  },

  async deleteAccount() {
    if (this.data.deleting) return;
    if (!(await confirm('注销账号', DELETION_WARNING, '注销'))) return;
    this.setData({ deleting: true, deleteError: '' });
    try {
      const { data } = await getApi().account.remove();
      this.setData({ deleting: false, deletedNotice: deletionNotice(data) });
      toast('账号已注销');
    } catch (error) {
      this.setData({ deleting: false, deleteError: messageOf(error) });
    }
  },

  /** Signing in again within the grace period restores the account (the app never does it by itself). */
  async restore() {
    if (this.data.restoring) return;
    this.setData({ restoring: true });
    try {
      await getApi().account.signIn();
      this.setData({ restoring: false, deletedNotice: '' });
      toast('账号已恢复', 'success');
      switchTab('/pages/me/index');
    } catch (error) {
      this.setData({ restoring: false });
      toast(messageOf(error));
    }
  },
});
