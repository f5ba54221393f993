import { statement } from '../../../../gamification/public';
import { TABLES } from '../content-types';

/**
 * One answer of wx.requestSubscribeMessage for one template, added to the user's row (created on the first):
 * an accept of a one-time template is one more credit; of a long-term template, consent until refused.
 */
export const UPSERT_CONSENT = statement(
  'reminders.upsert-consent',
  `INSERT INTO ${TABLES.subscriptions} (document_id, user_id, template_id, credits, accepted_total, long_term_accepted, last_result, last_asked_at, created_at, updated_at, published_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
   ON CONFLICT (user_id, template_id) DO UPDATE SET
     credits = ${TABLES.subscriptions}.credits + excluded.credits,
     accepted_total = ${TABLES.subscriptions}.accepted_total + excluded.accepted_total,
     long_term_accepted = excluded.long_term_accepted,
     last_result = excluded.last_result,
     last_asked_at = excluded.last_asked_at,
     updated_at = excluded.updated_at`,
);
