/**
 * Making a challenge for friends (VIP, POST /api/challenges) and joining one by its invite code
 * (POST /api/challenges/join-by-code): the form and the checks that mirror the server's, the body sent,
 * the server's 400 put back on its field, what the answer means (the invite code, or waiting for a
 * moderator) and what a refused code says. Pure: the pages feed these the form, the clock and the answers.
 */
import type { ChallengeRule, CreatedChallenge, HabitTemplate, MembershipTier, NewChallenge, Participation } from '../api/paths';
import { refusalOf, ruleShort, rangeText, type Refusal } from './challenges';
import { addDays, daysBetween } from './dates';
import { errorReason, errorStatus, messageOf } from './load-state';

/**
 * The server's limits (src/plugins/challenges/server/src/validation/requests.ts createChallengeBodySchema,
 * and the longest challenge in services/user-challenges.ts); tests/logic/challenge-create.test.ts holds
 * these copies to the zod schema. The document has them too, but a page cannot read a document.
 */
export const CHALLENGE_LIMITS = {
  title: 80,
  description: 2000,
  maxDays: 366,
  targetDays: { min: 1, max: 366 },
  perWeek: { min: 1, max: 7 },
  weeks: { min: 1, max: 52 },
  entryCost: { min: 0, max: 100_000 },
  maxParticipants: { min: 2, max: 500 },
} as const;

/** The form's fields, named as the body names them (so a server 400's `field` finds its place). */
export type ChallengeField = 'title' | 'description' | 'habitTemplate' | 'startDate' | 'endDate' | 'targetDays' | 'perWeek' | 'weeks' | 'entryCost' | 'maxParticipants';

/** What the page holds: numbers as typed (text), the template by documentId ('' for none picked). */
export type ChallengeForm = {
  title: string;
  description: string;
  habitTemplate: string;
  startDate: string;
  endDate: string;
  rule: ChallengeRule;
  targetDays: string;
  perWeek: string;
  weeks: string;
  entryCost: string;
  /** '' for no cap. */
  maxParticipants: string;
};

export const RULE_OPTIONS: ReadonlyArray<{ rule: ChallengeRule; label: string; hint: string }> = [
  { rule: 'daysOf', label: '累计天数', hint: '挑战期间累计打卡满 N 天' },
  { rule: 'streak', label: '连续天数', hint: '挑战期间连续打卡 N 天' },
  { rule: 'weekly', label: '每周天数', hint: '每 7 天为一周，每周至少打卡 N 天，共 W 周' },
];

/** A new form: three weeks from tomorrow, 14 days of them, free to join. */
export const emptyChallengeForm = (today: string): ChallengeForm => ({
  title: '',
  description: '',
  habitTemplate: '',
  startDate: addDays(today, 1),
  endDate: addDays(today, 21),
  rule: 'daysOf',
  targetDays: '14',
  perWeek: '3',
  weeks: '3',
  entryCost: '0',
  maxParticipants: '',
});

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (text: string) => DAY.test(text) && addDays(text, 0) === text;

/** A whole number typed in a field, or null when it is not one. */
export const wholeNumber = (text: string): number | null => (/^\s*\d{1,7}\s*$/.test(text) ? Number(text.trim()) : null);

/** As the server counts a text: trimmed, UTF-16 units (zod's trim + max). */
const textLength = (text: string) => text.trim().length;

export type ChallengeFormCheck = {
  /** What is wrong with each field, in words ('' or missing when nothing). */
  errors: Partial<Record<ChallengeField, string>>;
  /** The first problem, said under the form; '' when the form can be sent. */
  blocker: string;
  canSubmit: boolean;
  /** Days from start to end, both included (0 when the dates are wrong). */
  days: number;
  /** "共 21 天 · 累计打卡 14 天" for the form's foot. */
  summary: string;
  titleCount: string;
  descriptionCount: string;
};

const FIELD_ORDER: ChallengeField[] = ['title', 'description', 'habitTemplate', 'startDate', 'endDate', 'targetDays', 'perWeek', 'weeks', 'entryCost', 'maxParticipants'];

const inRange = (value: number | null, { min, max }: { min: number; max: number }) => value !== null && value >= min && value <= max;

/**
 * The server's checks, run before sending (the server runs them again): title 1..80, description up to
 * 2000, a template, a start not before today (the caller's local day), an end not before the start and
 * at most 366 days in all, a goal that fits the days (N days, or W weeks of 7), entry cost 0..100000, a
 * cap of 2..500 when set.
 */
export const checkChallengeForm = (form: ChallengeForm, today: string): ChallengeFormCheck => {
  const errors: Partial<Record<ChallengeField, string>> = {};
  const title = textLength(form.title);
  if (title === 0) errors.title = '请填写挑战名称';
  else if (title > CHALLENGE_LIMITS.title) errors.title = `名称最多 ${CHALLENGE_LIMITS.title} 字`;
  if (textLength(form.description) > CHALLENGE_LIMITS.description) errors.description = `说明最多 ${CHALLENGE_LIMITS.description} 字`;
  if (!form.habitTemplate) errors.habitTemplate = '请选择要打卡的习惯';

  let days = 0;
  if (!isDay(form.startDate)) errors.startDate = '请选择开始日期';
  else if (form.startDate < today) errors.startDate = '开始日期不能早于今天';
  if (!isDay(form.endDate)) errors.endDate = '请选择结束日期';
  else if (isDay(form.startDate)) {
    days = daysBetween(form.startDate, form.endDate) + 1;
    if (days < 1) errors.endDate = '结束日期不能早于开始日期';
    else if (days > CHALLENGE_LIMITS.maxDays) errors.endDate = `挑战最长 ${CHALLENGE_LIMITS.maxDays} 天`;
  }
  const datesOk = days >= 1 && days <= CHALLENGE_LIMITS.maxDays;

  if (form.rule === 'weekly') {
    const perWeek = wholeNumber(form.perWeek);
    const weeks = wholeNumber(form.weeks);
    if (!inRange(perWeek, CHALLENGE_LIMITS.perWeek)) errors.perWeek = `每周天数为 ${CHALLENGE_LIMITS.perWeek.min}-${CHALLENGE_LIMITS.perWeek.max}`;
    if (!inRange(weeks, CHALLENGE_LIMITS.weeks)) errors.weeks = `周数为 ${CHALLENGE_LIMITS.weeks.min}-${CHALLENGE_LIMITS.weeks.max}`;
    else if (datesOk && weeks !== null && weeks * 7 > days) errors.weeks = `${weeks} 周需要至少 ${weeks * 7} 天，挑战只有 ${days} 天`;
  } else {
    const target = wholeNumber(form.targetDays);
    if (!inRange(target, CHALLENGE_LIMITS.targetDays)) errors.targetDays = `目标天数为 ${CHALLENGE_LIMITS.targetDays.min}-${CHALLENGE_LIMITS.targetDays.max}`;
    else if (datesOk && target !== null && target > days) errors.targetDays = `目标 ${target} 天超过了挑战的 ${days} 天`;
  }
  if (!inRange(wholeNumber(form.entryCost), CHALLENGE_LIMITS.entryCost)) errors.entryCost = `报名积分为 ${CHALLENGE_LIMITS.entryCost.min}-${CHALLENGE_LIMITS.entryCost.max}`;
  if (form.maxParticipants.trim() && !inRange(wholeNumber(form.maxParticipants), CHALLENGE_LIMITS.maxParticipants)) {
    errors.maxParticipants = `人数上限为 ${CHALLENGE_LIMITS.maxParticipants.min}-${CHALLENGE_LIMITS.maxParticipants.max}，不限请留空`;
  }

  const first = FIELD_ORDER.find((field) => errors[field]);
  const rule = ruleShort({
    rule: form.rule,
    targetDays: wholeNumber(form.targetDays) ?? 0,
    perWeek: wholeNumber(form.perWeek),
    weeks: wholeNumber(form.weeks),
  });
  return {
    errors,
    blocker: first ? (errors[first] ?? '') : '',
    canSubmit: first === undefined,
    days: datesOk ? days : 0,
    summary: datesOk && !errors.targetDays && !errors.perWeek && !errors.weeks ? `共 ${days} 天 · ${rule}` : '',
    titleCount: `${title}/${CHALLENGE_LIMITS.title}`,
    descriptionCount: `${textLength(form.description)}/${CHALLENGE_LIMITS.description}`,
  };
};

/**
 * POST /api/challenges's body from a form that passed its check. No timezone: the server takes the
 * caller's, the same one `today` was read in. A weekly rule still sends targetDays (the body needs it):
 * perWeek x weeks, which is what the server stores.
 */
export const newChallengeBody = (form: ChallengeForm): NewChallenge => {
  const description = form.description.trim();
  const cap = wholeNumber(form.maxParticipants);
  const rule =
    form.rule === 'weekly'
      ? { rule: form.rule, perWeek: wholeNumber(form.perWeek) ?? 1, weeks: wholeNumber(form.weeks) ?? 1, targetDays: (wholeNumber(form.perWeek) ?? 1) * (wholeNumber(form.weeks) ?? 1) }
      : { rule: form.rule, targetDays: wholeNumber(form.targetDays) ?? 1 };
  return {
    title: form.title.trim(),
    ...(description ? { description } : {}),
    habitTemplate: form.habitTemplate,
    startDate: form.startDate,
    endDate: form.endDate,
    ...rule,
    entryCost: wholeNumber(form.entryCost) ?? 0,
    ...(form.maxParticipants.trim() && cap !== null ? { maxParticipants: cap } : {}),
  };
};

const FIELD_NAMES: Record<ChallengeField, string> = {
  title: '名称',
  description: '说明',
  habitTemplate: '习惯',
  startDate: '开始日期',
  endDate: '结束日期',
  targetDays: '目标天数',
  perWeek: '每周天数',
  weeks: '周数',
  entryCost: '报名积分',
  maxParticipants: '人数上限',
};

/** The body's names, and WeChat's check's `content` (the description). */
const fieldOf = (name: unknown): ChallengeField | null => {
  if (name === 'content') return 'description';
  return typeof name === 'string' && name in FIELD_NAMES ? (name as ChallengeField) : null;
};

export type CreateRefusal = {
  /** Each field the server named, with what to say on it. */
  errors: Partial<Record<ChallengeField, string>>;
  /** Under the form (also when a field is marked). */
  message: string;
  /** 403 membership_required: the page shows the VIP gate instead of the form. */
  needsMembership: boolean;
};

/**
 * What a refused POST /api/challenges says, on the field it names: the service's `details.field` (a
 * start in the past, an unknown template, a goal that does not fit, risky text), or the first of zod's
 * `details.errors[].path`. 403 is the membership; the rest (429, 5xx, no network) is a message.
 */
export const createRefusal = (error: unknown): CreateRefusal => {
  const status = errorStatus(error);
  const reason = errorReason(error);
  if (status === 403) return { errors: {}, message: '创建挑战是 VIP 会员专属功能', needsMembership: true };
  if (status !== 400) return { errors: {}, message: messageOf(error), needsMembership: false };
  const details = ((error as { details?: Record<string, unknown> | null }).details ?? {}) as { field?: unknown; errors?: Array<{ path?: unknown[] }> };
  const field = fieldOf(details.field) ?? fieldOf(Array.isArray(details.errors) ? details.errors[0]?.path?.[0] : undefined);
  let said: string;
  if (reason === 'content_risky') said = `${field === 'description' ? '说明' : '名称'}含有违规信息，请修改后再提交`;
  else if (reason === 'start_in_past') said = '开始日期不能早于今天';
  else if (reason === 'template_not_found') said = '这个习惯模板已下线，请换一个';
  else if (field) said = `${FIELD_NAMES[field]}填写有误，请检查`;
  else said = '填写有误，请检查后再提交';
  return { errors: field ? { [field]: said } : {}, message: said, needsMembership: false };
};

/** VIP and above may make challenges (the server's `satisfies(tier, 'vip')`; GET /api/me already turns an ended membership into free). */
export const canCreateChallenges = (tier: MembershipTier): boolean => tier !== 'free';

export const VIP_GATE = {
  title: '发起挑战是 VIP 会员专属功能',
  text: '开通 VIP 会员后，可以设置习惯、日期、规则和报名积分，发起只有好友能通过邀请码加入的挑战。完成者平分大家的报名积分。',
  action: '了解会员',
  url: '/pages/membership/index',
} as const;

export type CreatedView = {
  documentId: string;
  title: string;
  inviteCode: string;
  /** WeChat's check wants a person to read it: nobody can join until a moderator publishes it. */
  pending: boolean;
  heading: string;
  note: string;
  summary: string;
  shareHint: string;
  /** The title of the page when forwarded to a friend (it opens 挑战 with the code filled in). */
  shareTitle: string;
};

/** What the answer means: the invite code, and whether WeChat's check left it for a moderator (`review: pending`). */
export const createdView = (created: CreatedChallenge): CreatedView => {
  const pending = created.review === 'pending';
  return {
    documentId: created.documentId,
    title: created.title,
    inviteCode: created.inviteCode,
    pending,
    heading: pending ? '挑战已提交，等待审核' : '挑战创建成功',
    note: pending ? '内容需要管理员审核，审核通过前好友还不能用邀请码加入。' : '',
    summary: `${rangeText(created.startDate, created.endDate)} · ${ruleShort(created)}${created.entryCost > 0 ? ` · 报名 ${created.entryCost} 积分` : ''}`,
    shareHint: pending
      ? '审核通过后，把邀请码发给好友：在「挑战」页输入邀请码即可加入。'
      : '把邀请码发给好友，或点右上角「···」转发本页：好友在「挑战」页输入邀请码即可加入。你自己也要加入才会计入排行。',
    shareTitle: `来和我一起挑战「${created.title}」，邀请码 ${created.inviteCode}`,
  };
};

/** What a code looks like to the server (6-16 letters or digits, any case). */
const CODE = /^[A-Za-z0-9]{6,16}$/;

/** A typed or pasted code as the server reads it: spaces and dashes out, upper case. */
export const normalizeInviteCode = (text: string): string => text.replace(/[\s-]+/g, '').toUpperCase();

/** Why the code cannot be sent yet ('' when it can). */
export const inviteCodeProblem = (code: string): string => (code === '' ? '请输入邀请码' : CODE.test(code) ? '' : '邀请码是 6-16 位字母或数字');

/**
 * A refused join by code: 404 says whether the code is wrong or the challenge waits for a moderator;
 * 409 (closed, full, over), 403 (membership, region) and 400 (points, a bad code) as a join says them.
 */
export const joinByCodeRefusal = (error: unknown): Refusal => {
  const status = errorStatus(error);
  const reason = errorReason(error);
  if (status === 404) {
    return reason === 'challenge_not_found'
      ? { message: '这个挑战还在审核中或已下线', reload: false, offer: null }
      : { message: '邀请码不对，请核对后再输入', reload: false, offer: null };
  }
  if (status === 400 && reason === '') return { message: '邀请码是 6-16 位字母或数字', reload: false, offer: null };
  const refusal = refusalOf(error, null);
  return { ...refusal, reload: false };
};

/**
 * The answer is my participation, which does not name its challenge: the page finds the challenge
 * among my active ones by this participation's join instant (one person joins one challenge at a time).
 */
export const joinedChallengeOf = <C extends { documentId: string; me: Participation | null }>(mine: ReadonlyArray<{ challenge: C }>, joined: Participation): C | null =>
  mine.map((each) => each.challenge).find((challenge) => challenge.me?.status === 'active' && challenge.me.joinedAt === joined.joinedAt) ?? null;

/** The template picker's rows: the template's title (with its emoji, when it has one). */
export const templateOptions = (templates: readonly HabitTemplate[]): Array<{ documentId: string; name: string }> =>
  templates.map((template) => {
    const icon = typeof template.icon === 'string' ? template.icon.trim() : '';
    const emoji = icon && [...icon].length <= 2 && !/^[a-z0-9-]+$/i.test(icon) ? `${icon} ` : '';
    return { documentId: template.documentId, name: `${emoji}${template.title}` };
  });

/**
 * Where the phone keeps the codes of the challenges made on it: only the create answer carries a code
 * (GET /api/challenges/:id does not, not even for the creator), so the detail can show it again only
 * from here.
 */
export const INVITE_CODES_KEY = 'challenges.inviteCodes';

export type KnownInviteCodes = Record<string, string>;

/** The codes kept, with one more (at most the 50 latest). */
export const withInviteCode = (known: KnownInviteCodes | undefined, documentId: string, code: string): KnownInviteCodes => {
  const entries = Object.entries(known ?? {}).filter(([id]) => id !== documentId);
  return Object.fromEntries([...entries, [documentId, code]].slice(-50));
};
