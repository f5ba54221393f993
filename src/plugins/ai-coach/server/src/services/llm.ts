import type { Core } from '@strapi/strapi';
import { startFakeOpenAiServer, type FakeOpenAi } from '../fake/fake-openai-server';
import { createLlmClient, LlmError, type LlmClient } from '../llm/client';
import { aiCoachConfig } from '../utils/get-service';

/**
 * The model provider, chosen at boot: the configured OpenAI-compatible endpoint when OPENAI_API_KEY is set;
 * without one, outside production, the fake provider started in-process (a scripted coach); in production
 * without one, nothing (callers answer 503).
 */
const llmService = ({ strapi }: { strapi: Core.Strapi }) => {
  let client: LlmClient | null = null;
  let fake: FakeOpenAi | null = null;

  return {
    /** Called by bootstrap; returns what stops it. */
    async connect(): Promise<() => Promise<void>> {
      const { provider } = aiCoachConfig(strapi);
      const settings = { ...provider, baseUrl: provider.baseUrl || undefined };
      if (provider.apiKey) {
        client = createLlmClient(settings);
        strapi.log.info(`[ai-coach] model ${provider.model} at ${provider.baseUrl || 'the OpenAI API'}`);
        return async () => {};
      }
      if (process.env.NODE_ENV === 'production') {
        strapi.log.warn('[ai-coach] OPENAI_API_KEY is not set: the coach answers 503 until it is');
        return async () => {};
      }
      fake = await startFakeOpenAiServer();
      client = createLlmClient({ ...settings, baseUrl: fake.url, apiKey: fake.apiKey });
      strapi.log.info(`[ai-coach] no OPENAI_API_KEY: a scripted fake coach answers (${fake.url})`);
      const started = fake;
      return async () => {
        client = null;
        fake = null;
        await started.close();
      };
    },

    /** The provider client; throws LlmError('not_configured') when there is none. */
    client(): LlmClient {
      if (!client) throw new LlmError('not_configured', 'The AI coach is not configured (OPENAI_API_KEY)');
      return client;
    },

    /** The in-process fake provider, when it is the one in use (development and tests). */
    fake(): FakeOpenAi | null {
      return fake;
    },
  };
};

export type LlmService = ReturnType<typeof llmService>;
export default llmService;
