/** UI feedback through wx (toasts, dialogs, navigation); pages call these, never `wx` directly. */

export const toast = (title: string, icon: 'success' | 'error' | 'none' = 'none') => {
  wx.showToast({ title, icon, duration: 2000 });
};

export const confirm = (title: string, content: string, confirmText = '确定'): Promise<boolean> =>
  new Promise((resolve) => {
    wx.showModal({ title, content, confirmText, success: (res) => resolve(res.confirm), fail: () => resolve(false) });
  });

export const navigateTo = (url: string) => {
  wx.navigateTo({ url });
};

export const navigateBack = () => {
  wx.navigateBack({ delta: 1 });
};

export const stopPullDownRefresh = () => {
  wx.stopPullDownRefresh();
};

export const setTitle = (title: string) => {
  wx.setNavigationBarTitle({ title });
};

export const vibrate = () => {
  wx.vibrateShort({ type: 'light' });
};

/** Replace this page with another (e.g. the editor of a record found instead of a new one). */
export const redirectTo = (url: string) => {
  wx.redirectTo({ url });
};

/** Put text on the clipboard; WeChat shows its own "copied" toast. */
export const copyText = (text: string) => {
  wx.setClipboardData({ data: text });
};

/** Go to one of the tab bar's pages. */
export const switchTab = (url: string) => {
  wx.switchTab({ url });
};
