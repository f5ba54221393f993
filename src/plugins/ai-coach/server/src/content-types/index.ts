import commentJob from './comment-job/schema.json';
import conversation from './conversation/schema.json';
import faq from './faq/schema.json';
import message from './message/schema.json';
import settings from './settings/schema.json';
import trial from './trial/schema.json';
import usage from './usage/schema.json';

export default {
  conversation: { schema: conversation },
  message: { schema: message },
  usage: { schema: usage },
  trial: { schema: trial },
  faq: { schema: faq },
  setting: { schema: settings },
  'comment-job': { schema: commentJob },
};

/** Typed names of this plugin's content types (STYLE 9). */
export const UIDS = {
  conversation: 'plugin::ai-coach.conversation',
  message: 'plugin::ai-coach.message',
  usage: 'plugin::ai-coach.usage',
  trial: 'plugin::ai-coach.trial',
  faq: 'plugin::ai-coach.faq',
  settings: 'plugin::ai-coach.setting',
  commentJob: 'plugin::ai-coach.comment-job',
} as const;

/** Table names, for the statements of the quota (a conditional UPDATE) and the lists. */
export const TABLES = {
  conversations: 'ai_coach_conversations',
  messages: 'ai_coach_messages',
  usage: 'ai_coach_usage',
  trials: 'ai_coach_trials',
  faqs: 'ai_coach_faqs',
  users: 'up_users',
  commentJobs: 'ai_coach_comment_jobs',
} as const;
