import challenges from './challenges';
import joins from './joins';
import openapi from './openapi';
import badges from './badges';
import finish from './finish';
import userChallenges from './user-challenges';

/**
 * The plugin's services. Each file is owned by one part of the work (see ../../README.md):
 * challenges (list / detail / visibility), joins (join / leave), progress (check-ins -> progress),
 * board (the challenge boards), finish (the finishing job and rewards), recount (a challenge's progress recounted from check-ins before it finishes), userChallenges (user-made ones).
 */
import board from './board';
import progress from './progress';
import recount from './recount';
import limits from './limits';
import moderation from './moderation';

const services = {
  challenges,
  joins,
  openapi,
  // finish
  finish,
  badges,
  userChallenges,
  // progress
  board,
  progress,
  recount,
  limits,
  moderation,
};

/** name -> service type, so `getService(strapi, 'joins')` is checked by the compiler (STYLE 7). */
export type PluginServices = { [K in keyof typeof services]: ReturnType<(typeof services)[K]> };

export default services;
