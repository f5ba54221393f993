import { getApi } from '../../api';
import { uploadAvatar } from '../../api/endpoints/avatar';
import { errorReason, messageOf, type LoadState } from '../../logic/load-state';
import { regionText, type Profile } from '../../logic/me';
import { DAY_START_HOURS, formOfProfile, phoneCodeOf, profileUpdate, regionFromPicker, TIMEZONES, type ProfileForm } from '../../logic/profile';
import { navigateBack, toast } from '../../platform/ui';

/**
 * 个人资料: nickname, avatar (chosen with WeChat's avatar picker, uploaded to POST /api/me/avatar),
 * region (<picker mode="region">, for the regional boards), timezone and the hour a day starts, showing
 * in the rankings, smoking settings (for the quit-smoking savings), and the phone number bound with
 * <button open-type="getPhoneNumber"> (POST /api/wechat/phone). Saving sends only what changed (PUT /api/me).
 */
Page({
  data: {
    state: 'loading' as LoadState,
    error: '',
    profile: null as Profile | null,
    form: null as ProfileForm | null,
    avatar: '',
    phone: '',
    regionText: '',
    timezones: TIMEZONES,
    timezoneIndex: 0,
    timezoneLabel: '',
    hours: DAY_START_HOURS,
    uploading: false,
    saving: false,
    message: '',
  },

  onLoad() {
    void this.load();
  },

  async load() {
    this.setData({ state: 'loading', error: '' });
    try {
      const { data } = await getApi().account.me();
      this.showProfile(data);
    } catch (error) {
      this.setData({ state: 'error', error: messageOf(error) });
    }
  },

  showProfile(profile: Profile, form: ProfileForm = formOfProfile(profile)) {
    this.setData({ state: 'ready', profile, avatar: profile.avatar ?? '', phone: profile.phoneMasked ?? '' });
    this.showForm(form);
  },

  showForm(form: ProfileForm) {
    const index = TIMEZONES.findIndex((zone) => zone.value === form.timezone);
    this.setData({
      form,
      message: '',
      regionText: regionText({ province: form.region[0] || null, city: form.region[1] || null, district: form.region[2] || null }),
      timezoneIndex: Math.max(0, index),
      // A timezone set elsewhere and not in the list still shows by its name.
      timezoneLabel: index >= 0 ? TIMEZONES[index].label : form.timezone,
    });
  },

  change(patch: Partial<ProfileForm>) {
    if (this.data.form) this.showForm({ ...this.data.form, ...patch });
  },

  onText(event: WechatMiniprogram.Input) {
    this.change({ [event.currentTarget.dataset.field as string]: event.detail.value });
  },

  onSwitch(event: WechatMiniprogram.SwitchChange) {
    this.change({ [event.currentTarget.dataset.field as string]: event.detail.value });
  },

  onRegion(event: WechatMiniprogram.PickerChange) {
    this.change({ region: regionFromPicker(event.detail.value as string[]) });
  },

  onTimezone(event: WechatMiniprogram.PickerChange) {
    this.change({ timezone: TIMEZONES[Number(event.detail.value)].value });
  },

  onDayStart(event: WechatMiniprogram.PickerChange) {
    this.change({ dayStartHour: Number(event.detail.value) });
  },

  async onChooseAvatar(event: WechatMiniprogram.CustomEvent<{ avatarUrl: string }>) {
    const file = event.detail.avatarUrl;
    if (!file || this.data.uploading) return;
    this.setData({ uploading: true, avatar: file });
    try {
      const { data } = await uploadAvatar(getApi().client, file);
      this.setData({ uploading: false, avatar: data.avatar ?? '', profile: data });
      toast('头像已更新', 'success');
    } catch (error) {
      this.setData({ uploading: false, avatar: this.data.profile?.avatar ?? '' });
      toast(messageOf(error));
    }
  },

  async onPhone(event: WechatMiniprogram.CustomEvent<{ code?: string; errMsg?: string }>) {
    const code = phoneCodeOf(event.detail);
    // Declined, or a base library without phone codes: nothing to send.
    if (!code) return;
    try {
      const { data } = await getApi().account.bindPhone(code);
      this.setData({ phone: data.phoneMasked ?? '', profile: data });
      toast('手机号已绑定', 'success');
    } catch (error) {
      toast(messageOf(error));
    }
  },

  async save() {
    const { profile, form, saving } = this.data;
    if (!profile || !form || saving) return;
    const update = profileUpdate(profile, form);
    if (!update.ok) {
      this.setData({ message: update.message });
      return;
    }
    if (!update.data) {
      navigateBack();
      return;
    }
    this.setData({ saving: true, message: '' });
    try {
      const { data } = await getApi().account.update(update.data);
      this.setData({ saving: false });
      this.showProfile(data);
      toast('已保存', 'success');
    } catch (error) {
      // The server checks nicknames with WeChat; one it refuses is named in details.field.
      const message = errorReason(error) === 'wechat_not_configured' ? '暂时无法修改昵称，请稍后再试' : messageOf(error);
      this.setData({ saving: false, message });
    }
  },
});
