import craving from './craving/schema.json';
import milestone from './milestone/schema.json';
import profile from './profile/schema.json';
import relapse from './relapse/schema.json';

export default {
  profile: { schema: profile },
  relapse: { schema: relapse },
  craving: { schema: craving },
  milestone: { schema: milestone },
};

/** Typed names of this plugin's content types (STYLE 9). */
export const UIDS = {
  profile: 'plugin::quit.profile',
  relapse: 'plugin::quit.relapse',
  craving: 'plugin::quit.craving',
  milestone: 'plugin::quit.milestone',
} as const;

export const TABLES = {
  profiles: 'quit_profiles',
  relapses: 'quit_relapses',
  cravings: 'quit_cravings',
  milestones: 'quit_milestones',
  users: 'up_users',
} as const;
