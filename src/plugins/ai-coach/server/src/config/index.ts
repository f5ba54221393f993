import { z } from 'zod';
import { configValidator } from '../../../../../utils/plugin-config';

/**
 * The AI coach's configuration, validated at boot (STYLE 11). The provider settings use the openai SDK's own
 * environment names (OPENAI_BASE_URL, OPENAI_API_KEY, OPENAI_MODEL), so DeepSeek, Qwen or Moonshot work by
 * pointing them at their OpenAI-compatible endpoints. With no OPENAI_API_KEY outside production, the fake
 * provider (a scripted coach) is started in-process; in production the coach answers 503 until it is set.
 */
export const aiCoachConfigSchema = z.object({
  provider: z.object({
    /** Empty: the provider's default (api.openai.com) or, without a key outside production, the fake. */
    baseUrl: z.union([z.literal(''), z.string().url()]),
    apiKey: z.string(),
    model: z.string().min(1),
    /**
     * Until the provider answers (the response's headers), per attempt; the SDK's default is 10 minutes.
     * A stream that then goes quiet for `idleTimeoutMs` is cut too.
     */
    timeoutMs: z.number().int().min(100).max(120_000),
    idleTimeoutMs: z.number().int().min(100).max(120_000),
    /** Retries of a failed attempt before any text arrived (the SDK's default is 2). */
    maxRetries: z.number().int().min(0).max(5),
    /** The longest answer asked for (max_tokens). */
    maxOutputTokens: z.number().int().min(16).max(8192),
  }),
  /** The diary comments' job queue (services/diary-comments.ts). */
  diaryComments: z.object({
    cron: z.string().min(9),
    /** A publish nudges the worker this long after (0: only the cron job runs it). */
    nudgeMs: z.number().int().min(0).max(60_000),
    maxAttempts: z.number().int().min(1).max(20),
    retryBaseSeconds: z.number().int().min(1).max(3600),
    leaseSeconds: z.number().int().min(10).max(3600),
    timeoutMs: z.number().int().min(100).max(120_000),
  }),
  /** Chats per user per window (429 with Retry-After beyond), on top of the daily token budget. */
  rateLimits: z.object({
    chatsPerUser: z.number().int().positive(),
    chatWindowSeconds: z.number().int().positive(),
  }),
});

export type AiCoachConfig = z.infer<typeof aiCoachConfigSchema>;

type Env = { (key: string, fallback?: string): string; int(key: string, fallback?: number): number };

export default {
  default: ({ env }: { env: Env }): AiCoachConfig => ({
    provider: {
      baseUrl: env('OPENAI_BASE_URL', ''),
      apiKey: env('OPENAI_API_KEY', ''),
      model: env('OPENAI_MODEL', 'gpt-4o-mini'),
      timeoutMs: env.int('AI_COACH_TIMEOUT_MS', 15_000),
      idleTimeoutMs: env.int('AI_COACH_IDLE_TIMEOUT_MS', 20_000),
      maxRetries: env.int('AI_COACH_MAX_RETRIES', 1),
      maxOutputTokens: env.int('AI_COACH_MAX_OUTPUT_TOKENS', 600),
    },
    diaryComments: {
      cron: env('AI_COACH_DIARY_COMMENT_CRON', '* * * * *'),
      nudgeMs: env.int('AI_COACH_DIARY_COMMENT_NUDGE_MS', 500),
      maxAttempts: env.int('AI_COACH_DIARY_COMMENT_MAX_ATTEMPTS', 5),
      retryBaseSeconds: env.int('AI_COACH_DIARY_COMMENT_RETRY_SECONDS', 60),
      leaseSeconds: 120,
      timeoutMs: env.int('AI_COACH_DIARY_COMMENT_TIMEOUT_MS', 30_000),
    },
    rateLimits: {
      chatsPerUser: env.int('AI_COACH_CHATS_PER_USER', 30),
      chatWindowSeconds: env.int('AI_COACH_CHAT_WINDOW_SECONDS', 60),
    },
  }),
  validator: configValidator('ai-coach', aiCoachConfigSchema),
};
