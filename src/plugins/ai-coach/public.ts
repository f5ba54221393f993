import type { Core } from '@strapi/strapi';
import type { PluginServices } from './server/src/services';

/**
 * The AI coach plugin's public surface (STYLE 16): the only file code outside the plugin imports.
 */
export type AiCoachServices = PluginServices;

export const aiCoach = <K extends keyof AiCoachServices>(strapi: Core.Strapi, name: K): AiCoachServices[K] =>
  strapi.plugin('ai-coach').service(name) as AiCoachServices[K];

export { LlmError, type ChatMessage, type LlmClient, type StreamEvent, type Usage } from './server/src/llm/client';
// The FAQ and the quotas, which editors keep (src/bootstrap/admin-roles.ts).
export { UIDS as AI_COACH_UIDS } from './server/src/content-types';
