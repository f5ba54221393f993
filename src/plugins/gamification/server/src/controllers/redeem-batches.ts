import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { parseOrThrow } from '../../../../../utils/validation';
import { getService } from '../utils/get-service';
import { batchBodySchema, batchListQuerySchema } from '../validation/redeem-codes';

const csvField = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * POST /gamification/redeem-batches: generate a batch and hand its codes out, once. The answer is a CSV
 * download (or JSON with `format: "json"`); the codes are not stored and cannot be shown again.
 */
const redeemBatchesController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /gamification/redeem-batches?page=&pageSize=: the batches, newest first, without their codes. */
  async list(ctx: Context) {
    const { page, pageSize } = parseOrThrow(batchListQuerySchema, ctx.query ?? {}, 'query');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await getService(strapi, 'redeemCodes').listBatches(page, pageSize);
  },

  async create(ctx: Context) {
    const { format = 'csv', validFrom, validUntil, ...input } = parseOrThrow(batchBodySchema, ctx.request.body ?? {}, 'batch');
    const from = validFrom ? new Date(validFrom) : null;
    const until = validUntil ? new Date(validUntil) : null;
    const { batch, codes } = await getService(strapi, 'redeemCodes').createBatch({ ...input, validFrom: from, validUntil: until });
    strapi.log.info(`[gamification] redeem batch ${batch.documentId} generated: ${codes.length} codes of ${input.kind} x ${input.amount}`);
    ctx.set('Cache-Control', 'no-store');
    if (format === 'json') {
      ctx.body = { data: { batch: { documentId: batch.documentId, ...input, validFrom: from, validUntil: until }, codes } };
      return;
    }
    const header = ['code', 'kind', 'amount', 'max_uses', 'valid_from', 'valid_until'];
    const lines = codes.map((code) => [code, input.kind, input.amount, input.maxUses, from?.toISOString(), until?.toISOString()].map(csvField).join(','));
    ctx.set('Content-Type', 'text/csv; charset=utf-8');
    ctx.set('Content-Disposition', `attachment; filename="redeem-codes-${batch.documentId}.csv"`);
    ctx.body = [header.join(','), ...lines].join('\n') + '\n';
  },
});

export default redeemBatchesController;
