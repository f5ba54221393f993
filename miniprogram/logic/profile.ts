/**
 * The profile page (PUT /api/me, POST /api/me/avatar, POST /api/wechat/phone): the form, what changed,
 * and the checks the server makes, made first so the user hears about them before a round trip.
 */
import type { ProfileUpdate } from '../api/paths';
import type { Profile, SmokingSettings } from './me';

/** The timezones offered (the server takes any IANA name; these cover the app's users). */
export const TIMEZONES: ReadonlyArray<{ value: string; label: string }> = [
  { value: 'Asia/Shanghai', label: '北京时间 (UTC+8)' },
  { value: 'Asia/Hong_Kong', label: '香港 (UTC+8)' },
  { value: 'Asia/Taipei', label: '台北 (UTC+8)' },
  { value: 'Asia/Singapore', label: '新加坡 (UTC+8)' },
  { value: 'Asia/Tokyo', label: '东京 (UTC+9)' },
  { value: 'Asia/Seoul', label: '首尔 (UTC+9)' },
  { value: 'Australia/Sydney', label: '悉尼' },
  { value: 'Europe/London', label: '伦敦' },
  { value: 'Europe/Paris', label: '巴黎' },
  { value: 'Europe/Berlin', label: '柏林' },
  { value: 'America/New_York', label: '纽约' },
  { value: 'America/Los_Angeles', label: '洛杉矶' },
  { value: 'America/Vancouver', label: '温哥华' },
];

export const DAY_START_HOURS: ReadonlyArray<{ value: number; label: string }> = Array.from({ length: 24 }, (_, hour) => ({
  value: hour,
  label: hour === 0 ? '0:00（午夜）' : `${hour}:00`,
}));

export type ProfileForm = {
  nickname: string;
  timezone: string;
  dayStartHour: number;
  /** [province, city, district] as <picker mode="region"> gives them; '' when unset. */
  region: [string, string, string];
  showInRanking: boolean;
  smokingEnabled: boolean;
  cigarettesPerDay: string;
  pricePerPack: string;
  cigarettesPerPack: string;
};

export const formOfProfile = (profile: Profile): ProfileForm => ({
  nickname: profile.nickname ?? '',
  timezone: profile.timezone,
  dayStartHour: profile.dayStartHour,
  region: [profile.province ?? '', profile.city ?? '', profile.district ?? ''],
  showInRanking: profile.showInRanking,
  smokingEnabled: profile.smokingSettings !== null,
  cigarettesPerDay: profile.smokingSettings ? String(profile.smokingSettings.cigarettesPerDay) : '',
  pricePerPack: profile.smokingSettings ? String(profile.smokingSettings.pricePerPack) : '',
  cigarettesPerPack: profile.smokingSettings ? String(profile.smokingSettings.cigarettesPerPack) : '20',
});

/** The body of PUT /api/me (the server takes any subset of these fields), as the API document types it. */
export type { ProfileUpdate };

const wholeNumber = (text: string, min: number, max: number): number | null => {
  if (!/^\d+$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= min && n <= max ? n : null;
};

const price = (text: string): number | null => {
  if (!/^\d+(\.\d{1,2})?$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= 0 && n <= 1000 ? n : null;
};

export const smokingSettingsOf = (form: ProfileForm): { ok: true; value: SmokingSettings | null } | { ok: false; message: string } => {
  if (!form.smokingEnabled) return { ok: true, value: null };
  const cigarettesPerDay = wholeNumber(form.cigarettesPerDay, 1, 200);
  if (cigarettesPerDay === null) return { ok: false, message: '每天吸烟量是 1-200 支' };
  const pricePerPack = price(form.pricePerPack);
  if (pricePerPack === null) return { ok: false, message: '每包价格是 0-1000 元' };
  const cigarettesPerPack = wholeNumber(form.cigarettesPerPack, 1, 100);
  if (cigarettesPerPack === null) return { ok: false, message: '每包支数是 1-100 支' };
  return { ok: true, value: { cigarettesPerDay, pricePerPack, cigarettesPerPack } };
};

const sameSmoking = (a: SmokingSettings | null, b: SmokingSettings | null): boolean =>
  a === b || (a !== null && b !== null && a.cigarettesPerDay === b.cigarettesPerDay && a.pricePerPack === b.pricePerPack && a.cigarettesPerPack === b.cigarettesPerPack);

// The server refuses these in nicknames (control and invisible characters).
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200b\u2028\u2029]/;

/** Only what changed, checked as the server checks it; `null` data when nothing changed. */
export const profileUpdate = (profile: Profile, form: ProfileForm): { ok: true; data: ProfileUpdate | null } | { ok: false; message: string } => {
  const data: ProfileUpdate = {};
  const nickname = form.nickname.trim();
  if (nickname !== (profile.nickname ?? '')) {
    if ([...nickname].length < 1) return { ok: false, message: '昵称不能为空' };
    if ([...nickname].length > 20) return { ok: false, message: '昵称最多 20 个字' };
    if (HIDDEN.test(nickname)) return { ok: false, message: '昵称不能包含不可见字符' };
    data.nickname = nickname;
  }
  if (form.timezone !== profile.timezone) data.timezone = form.timezone;
  if (form.dayStartHour !== profile.dayStartHour) data.dayStartHour = form.dayStartHour;
  const [province, city, district] = form.region.map((part) => part.trim() || null);
  if (province !== profile.province || city !== profile.city || district !== profile.district) {
    for (const part of [province, city, district]) {
      if (part && /[{}/]/.test(part)) return { ok: false, message: '地区名称不能包含 / { }' };
    }
    Object.assign(data, { province, city, district });
  }
  if (form.showInRanking !== profile.showInRanking) data.showInRanking = form.showInRanking;
  const smoking = smokingSettingsOf(form);
  if (!smoking.ok) return smoking;
  if (!sameSmoking(smoking.value, profile.smokingSettings)) data.smokingSettings = smoking.value;
  return { ok: true, data: Object.keys(data).length > 0 ? data : null };
};

/** <picker mode="region"> may answer "全部" for a level left open; the server wants a name or null. */
export const regionFromPicker = (value: readonly string[]): [string, string, string] => {
  const part = (i: number) => (value[i] && value[i] !== '全部' ? value[i] : '');
  return [part(0), part(1), part(2)];
};

/** `<button open-type="getPhoneNumber">` answers with a one-time code, or an errMsg when the user declines. */
export const phoneCodeOf = (detail: { code?: string; errMsg?: string }): string | null => (detail.code && /^[A-Za-z0-9_.-]+$/.test(detail.code) ? detail.code : null);
