import badge from './badge/schema.json';
import participant from './participant/schema.json';
import reward from './reward/schema.json';

export default {
  participant: { schema: participant },
  reward: { schema: reward },
  badge: { schema: badge },
};

/** Typed names of this plugin's content types and of the challenge type it runs (STYLE 9). */
export const UIDS = {
  challenge: 'api::challenge.challenge',
  participant: 'plugin::challenges.participant',
  reward: 'plugin::challenges.reward',
  badge: 'plugin::challenges.badge',
} as const;

/** Table names, for the knex statements of the hot paths (join under a cap, rewards paid once). */
export const TABLES = {
  challenges: 'challenges',
  participants: 'challenge_participants',
  rewards: 'challenge_rewards',
  badges: 'challenge_badges',
} as const;
