import send from './send/schema.json';
import setting from './setting/schema.json';
import slot from './slot/schema.json';
import subscription from './subscription/schema.json';
import template from './template/schema.json';

export default {
  template: { schema: template },
  subscription: { schema: subscription },
  setting: { schema: setting },
  slot: { schema: slot },
  send: { schema: send },
};

/** Typed names of this plugin's content types (STYLE 9). */
export const UIDS = {
  template: 'plugin::reminders.template',
  subscription: 'plugin::reminders.subscription',
  setting: 'plugin::reminders.setting',
  slot: 'plugin::reminders.slot',
  send: 'plugin::reminders.send',
} as const;

export const TABLES = {
  templates: 'reminder_templates',
  subscriptions: 'reminder_subscriptions',
  settings: 'reminder_settings',
  slots: 'reminder_slots',
  sends: 'reminder_sends',
  habits: 'habits',
  users: 'up_users',
  checkIns: 'check_ins',
  quitProfiles: 'quit_profiles',
  challenges: 'challenges',
  participants: 'challenge_participants',
} as const;

export const KINDS = ['habitReminder', 'streakAtRisk', 'milestoneReached', 'challengeEnding', 'orderShipped', 'postReviewed'] as const;
export type Kind = (typeof KINDS)[number];
export const SEND_STATUSES = ['queued', 'sending', 'sent', 'retry', 'failed', 'refused', 'noCredit', 'quiet', 'interrupted'] as const;
export type SendStatus = (typeof SEND_STATUSES)[number];
