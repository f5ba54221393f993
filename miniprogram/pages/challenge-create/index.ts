import { getApi } from '../../api';
import {
  canCreateChallenges,
  checkChallengeForm,
  createdView,
  createRefusal,
  emptyChallengeForm,
  INVITE_CODES_KEY,
  withInviteCode,
  newChallengeBody,
  RULE_OPTIONS,
  templateOptions,
  VIP_GATE,
  type ChallengeField,
  type ChallengeForm,
  type ChallengeFormCheck,
  type CreatedView,
  type KnownInviteCodes,
} from '../../logic/challenge-create';
import { localDayFor, DEFAULT_TIMEZONE } from '../../logic/dates';
import { messageOf, type LoadState } from '../../logic/load-state';
import { copyText, navigateTo, redirectTo } from '../../platform/ui';

type Errors = Partial<Record<ChallengeField, string>>;
type FieldEvent = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: ChallengeField }>;

const ALL_FIELDS: ChallengeField[] = ['title', 'description', 'habitTemplate', 'startDate', 'endDate', 'targetDays', 'perWeek', 'weeks', 'entryCost', 'maxParticipants'];

/**
 * 发起挑战 (VIP): a challenge for friends, reached by its invite code. Not a VIP: why, and the way to
 * the membership page. The form (title, the habit template, dates, the rule and its numbers, entry cost,
 * a cap) is checked as the server checks it; a field's problem shows once it was touched or a send was
 * tried, and a server 400 shows on the field it names. The answer shows the invite code (复制), how to
 * share it, and, when WeChat's check wants a person to read the texts, that it waits for a moderator.
 */
Page({
  data: {
    state: 'loading' as LoadState,
    error: '',
    gate: false,
    gateView: VIP_GATE,
    today: '',
    templates: [] as Array<{ documentId: string; name: string }>,
    templateNames: [] as string[],
    templateIndex: -1,
    rules: RULE_OPTIONS,
    form: emptyChallengeForm('2000-01-01'),
    check: null as ChallengeFormCheck | null,
    touched: {} as Partial<Record<ChallengeField, boolean>>,
    serverErrors: {} as Errors,
    /** What each field shows: its check once touched, else what the server said of it. */
    errors: {} as Errors,
    refusal: '',
    sending: false,
    created: null as CreatedView | null,
  },

  onLoad() {
    void this.load();
  },

  async load() {
    this.setData({ state: 'loading', error: '' });
    const api = getApi();
    try {
      const [me, templates] = await Promise.all([api.account.me(), api.habitTemplates.list({ pageSize: 100 })]);
      const user = me.data;
      if (!canCreateChallenges(user.membershipTier)) {
        this.setData({ state: 'ready', gate: true });
        return;
      }
      const today = localDayFor({ timezone: user.timezone || DEFAULT_TIMEZONE, dayStartHour: 0 }, api.client.platform.now());
      const options = templateOptions(templates.data);
      this.setData({ state: 'ready', gate: false, today, templates: options, templateNames: options.map((option) => option.name) });
      this.refresh(emptyChallengeForm(today));
    } catch (error) {
      this.setData({ state: 'error', error: messageOf(error) });
    }
  },

  /** The form changed: check it again and show each field's problem (its own once touched, else the server's). */
  refresh(form: ChallengeForm, touchedNow?: Partial<Record<ChallengeField, boolean>>, serverErrorsNow?: Errors) {
    const touched = touchedNow ?? this.data.touched;
    const serverErrors = serverErrorsNow ?? this.data.serverErrors;
    const check = checkChallengeForm(form, this.data.today);
    const errors: Errors = {};
    for (const field of ALL_FIELDS) {
      const said = touched[field] ? check.errors[field] : undefined;
      const fromServer = serverErrors[field];
      if (said || fromServer) errors[field] = said || fromServer;
    }
    this.setData({ form, check, touched, serverErrors, errors });
  },

  /** One field typed or picked: what the server said of it is gone. */
  change(field: ChallengeField, value: string) {
    const { [field]: _gone, ...serverErrors } = this.data.serverErrors;
    this.setData({ refusal: '' });
    this.refresh({ ...this.data.form, [field]: value }, { ...this.data.touched, [field]: true }, serverErrors);
  },

  onField(event: FieldEvent) {
    this.change(event.currentTarget.dataset.field, event.detail.value);
  },

  onTemplate(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
    const index = Number(event.detail.value);
    this.setData({ templateIndex: index });
    this.change('habitTemplate', this.data.templates[index]?.documentId ?? '');
  },

  onRule(event: WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { rule: ChallengeForm['rule'] }>) {
    this.refresh({ ...this.data.form, rule: event.currentTarget.dataset.rule });
  },

  async submit() {
    if (this.data.sending || this.data.created) return;
    const touched = Object.fromEntries(ALL_FIELDS.map((field) => [field, true]));
    this.refresh(this.data.form, touched);
    if (!this.data.check?.canSubmit) return;
    this.setData({ sending: true, refusal: '' });
    try {
      const api = getApi();
      const answer = await api.challenges.create(newChallengeBody(this.data.form));
      const storage = api.client.platform.storage;
      storage.set(INVITE_CODES_KEY, withInviteCode(storage.get<KnownInviteCodes>(INVITE_CODES_KEY), answer.data.documentId, answer.data.inviteCode));
      this.setData({ sending: false, created: createdView(answer.data) });
    } catch (error) {
      const refusal = createRefusal(error);
      this.setData({ sending: false, refusal: refusal.message, gate: refusal.needsMembership });
      // The server's word shows on its field until that field changes.
      this.refresh(this.data.form, this.data.touched, refusal.errors);
    }
  },

  copyCode() {
    if (this.data.created) copyText(this.data.created.inviteCode);
  },

  openChallenge() {
    if (this.data.created) redirectTo(`/pages/challenge/index?id=${this.data.created.documentId}`);
  },

  openMembership() {
    navigateTo(VIP_GATE.url);
  },

  /** Forwarded after the challenge is made: 挑战 opens with the code filled in. */
  onShareAppMessage() {
    const created = this.data.created;
    if (!created || created.pending) return { title: '一起来打卡挑战', path: '/pages/challenges/index' };
    return { title: created.shareTitle, path: `/pages/challenges/index?code=${created.inviteCode}` };
  },
});
