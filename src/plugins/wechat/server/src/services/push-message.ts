import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * WeChat's message push (消息推送), plain-text mode: each request carries `signature`, `timestamp` and
 * `nonce` in its query, where signature = sha1 of [token, timestamp, nonce] sorted and joined (the same
 * rule as the GET handshake, which also carries `echostr` to send back). The body is JSON or XML, as the
 * data format chosen in the console. Secure mode (AES `Encrypt`) is not supported: choose plain text.
 */
export const pushSignature = (token: string, timestamp: string, nonce: string): string =>
  createHash('sha1').update([token, timestamp, nonce].sort().join(''), 'utf8').digest('hex');

export const signatureIsValid = (token: string, query: { signature?: unknown; timestamp?: unknown; nonce?: unknown }): boolean => {
  const { signature, timestamp, nonce } = query;
  if (!token || typeof signature !== 'string' || typeof timestamp !== 'string' || typeof nonce !== 'string') return false;
  if (!/^[0-9a-f]{40}$/i.test(signature) || timestamp.length > 32 || nonce.length > 64) return false;
  const expected = Buffer.from(pushSignature(token, timestamp, nonce), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature.toLowerCase(), 'hex'));
};

/** A flat or one-level-nested XML document (`<xml><a>1</a><result><suggest>..</suggest></result></xml>`) as an object. */
export const parsePushXml = (xml: string): Record<string, unknown> | null => {
  const root = /^\s*(?:<\?xml[^>]*\?>\s*)?<xml>([\s\S]*)<\/xml>\s*$/.exec(xml);
  if (!root) return null;
  const read = (inner: string, depth: number): Record<string, unknown> | string => {
    const record: Record<string, unknown> = {};
    const element = /<([A-Za-z_][\w.-]*)>([\s\S]*?)<\/\1>/g;
    let found = false;
    for (let match = element.exec(inner); match; match = element.exec(inner)) {
      found = true;
      const [, name, content] = match as unknown as [string, string, string];
      const cdata = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(content);
      let value: unknown;
      if (cdata) value = cdata[1];
      else if (depth < 2 && /<[A-Za-z_]/.test(content)) value = read(content, depth + 1);
      else value = /^-?\d+$/.test(content) ? Number(content) : content;
      // WeChat repeats an element for list items (<detail>...</detail><detail>...</detail>).
      record[name] = name in record ? [record[name], value].flat() : value;
    }
    return found ? record : inner;
  };
  const parsed = read(root[1] ?? '', 0);
  return typeof parsed === 'string' ? null : parsed;
};

/** The media check verdict event (`Event: wxa_media_check`, version 2). */
export const mediaCheckEventSchema = z.object({
  Event: z.literal('wxa_media_check'),
  appid: z.string().optional(),
  trace_id: z.string().min(1).max(128),
  version: z.coerce.number().optional(),
  errcode: z.coerce.number().default(0),
  result: z.object({ suggest: z.enum(['pass', 'review', 'risky']), label: z.coerce.number().int() }),
});

export type MediaCheckVerdict = { traceId: string; suggest: 'pass' | 'review' | 'risky'; label: number; appid: string | null };
