import type { Core } from '@strapi/strapi';
import { gamification } from '../../../../gamification/public';
import { quit, type QuitContext } from '../../../../quit/public';
import type { ChatMessage } from '../llm/client';
import type { CoachUser } from './quota';

/** What the coach knows about the user: their own programme, never an identifier, a phone or anyone else. */
export type CoachContext = QuitContext & { checkIns: { today: number; habits: number } };

const TRIGGER_NAMES: Record<string, string> = { stress: '压力', social: '社交', habit: '习惯', other: '其他' };

/** The system prompt: the coach's role and rules, then the user's context as plain facts. */
export const systemPromptFor = (context: CoachContext): string => {
  const facts = [
    context.smokeFreeSince ? `已戒烟 ${context.daysSmokeFree} 天（从 ${context.smokeFreeSince.slice(0, 10)} 起）` : '还没有设置戒烟日期',
    `最近 7 天记录烟瘾 ${context.cravings7d.count} 次${context.cravings7d.count > 0 ? `，平均强度 ${context.cravings7d.meanIntensity}/5` : ''}`,
    context.cravings7d.topTriggers.length > 0 ? `主要诱因：${context.cravings7d.topTriggers.map((t) => TRIGGER_NAMES[t] ?? t).join('、')}` : '',
    `最近 7 天复吸 ${context.relapses7d} 次`,
    `今天已打卡 ${context.checkIns.today}/${context.checkIns.habits} 个习惯`,
  ].filter(Boolean);
  return [
    '你是“戒烟军师”，一位温和、专业的戒烟教练。用简体中文回答，简洁具体（200 字以内），先共情再给一两条可以马上做的建议。',
    '不做医学诊断，不推荐处方药；遇到严重健康问题或自伤念头，建议对方尽快联系医生或拨打心理援助热线。',
    '不要索取或猜测对方的姓名、电话、位置等个人信息。',
    `关于这位用户（仅供参考）：${facts.join('；')}。`,
  ].join('\n');
};

const promptService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async contextFor(user: CoachUser): Promise<CoachContext> {
    const quitContext = await quit(strapi, 'report').contextFor(user.id);
    const day = gamification(strapi, 'clock').localDay(user);
    const knex = strapi.db.connection;
    const [today, habits] = await Promise.all([
      knex('check_ins').where({ user_id: user.id, local_date: day }).count<{ n: number | string }[]>({ n: '*' }),
      knex('habits').where({ user_id: user.id }).whereNotNull('published_at').andWhere((q) => q.whereNull('archived').orWhere('archived', false)).count<{ n: number | string }[]>({ n: '*' }),
    ]);
    return { ...quitContext, checkIns: { today: Number(today[0]?.n ?? 0), habits: Number(habits[0]?.n ?? 0) } };
  },

  /** The model's messages: the system prompt, the last turns of this conversation, the new question. */
  messagesFor(context: CoachContext, history: ReadonlyArray<{ role: 'user' | 'assistant'; content: string }>, question: string): ChatMessage[] {
    return [{ role: 'system', content: systemPromptFor(context) }, ...history.map((turn) => ({ role: turn.role, content: turn.content })), { role: 'user', content: question }];
  },
});

export type PromptService = ReturnType<typeof promptService>;
export default promptService;
