import { emptyMeta, instant, pagePaginationSchema, z } from '../../../../../utils/openapi';

/** What the coach's routes answer (strict: a new field is written here too). */
export const turnSchema = z
  .object({
    id: z.string(),
    role: z.enum(['user', 'assistant']),
    content: z.string(),
    status: z.enum(['complete', 'partial', 'refused', 'failed']).openapi({ description: 'partial: the answer broke off (what came is kept); refused: replaced by a safe refusal' }),
    source: z.enum(['model', 'faq', 'user']),
    promptTokens: z.number().int(),
    completionTokens: z.number().int(),
    createdAt: instant,
  })
  .strict()
  .openapi('CoachTurn');

export const quotaSchema = z
  .object({
    tier: z.enum(['free', 'vip', 'ai']),
    unit: z.literal('tokens'),
    limit: z.number().int().openapi({ description: 'Tokens a day for this membership (0: none)' }),
    used: z.number().int().openapi({ description: 'The provider’s own count, today' }),
    remaining: z.number().int(),
    day: z.string().openapi({ description: 'The user’s local day the budget is for' }),
    resetsAt: instant,
    trialEndsAt: instant.nullable().openapi({ description: 'A VIP’s AI trial ends then (it starts at their first chat)' }),
  })
  .strict()
  .openapi('CoachQuota');

export const chatAnswerSchema = z
  .object({ data: z.object({ conversationId: z.string(), question: turnSchema, message: turnSchema, quota: quotaSchema }).strict(), meta: emptyMeta })
  .strict()
  .openapi('CoachChatAnswer');

export const quotaAnswerSchema = z.object({ data: quotaSchema, meta: emptyMeta }).strict();

export const conversationSchema = z
  .object({ id: z.string(), title: z.string(), lastMessageAt: instant, createdAt: instant })
  .strict()
  .openapi('CoachConversation');

export const conversationListAnswerSchema = z.object({ data: z.array(conversationSchema), meta: z.object({ pagination: pagePaginationSchema }).strict() }).strict();

export const messageListAnswerSchema = z.object({ data: z.array(turnSchema), meta: z.object({ conversation: conversationSchema }).strict() }).strict();
