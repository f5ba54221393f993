import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { gamification, isTier, satisfies, type Tier } from '../plugins/gamification/public';

/**
 * Route policy `global::membership`: the caller's membership in force must be at least `tier`.
 *
 *   config: { policies: [{ name: 'global::membership', config: { tier: 'vip' } }] }
 *
 * An expired tier counts as free at once (no need to wait for the daily job). Refusals are 403 with a
 * message the mini-program can show and `details: { required, current }`.
 */
const MESSAGES: Record<Tier, string> = { free: '', vip: 'VIP 功能未开通: this needs a VIP membership', ai: 'AI 功能未开通: this needs an AI membership' };

export default (policyContext: { state: { user?: Record<string, unknown> } }, config: { tier?: unknown }, { strapi }: { strapi: Core.Strapi }) => {
  const required = isTier(config?.tier) ? config.tier : 'vip';
  const user = policyContext.state.user;
  if (!user) throw new errors.PolicyError('Sign in first', { required });
  const current = gamification(strapi, 'memberships').tierOf(user as { membershipTier?: unknown; membershipExpiresAt?: string | null });
  if (!satisfies(current, required)) throw new errors.PolicyError(MESSAGES[required], { required, current });
  return true;
};
