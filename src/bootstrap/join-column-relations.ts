import type { Core } from '@strapi/strapi';
import { leavesOwnedListsAlone } from '../utils/owned-list';

/**
 * Our to-one relations are join columns (`"useJoinTable": false`: one foreign key in the row, so the hot
 * paths join without a link table). Strapi 5.54's admin sends every relation as `{ connect: [...],
 * disconnect: [...] }`, which only join tables understand: on a join column the entity manager takes an
 * id, `{ set: [...] }` or null, and answers anything else with a 500 ("Invalid id, expected a string or
 * integer"). So without this no editor could save a challenge with its habit template, nor save any
 * edit of a record that has such a relation (an untouched relation still arrives as `{ connect: [],
 * disconnect: [] }`).
 *
 * This Document Service middleware rewrites the admin's form for join-column relations into what they
 * take: the last connected entry as `{ set: [entry] }`, `null` when the entry was only disconnected, and
 * nothing (the relation left as it is) when neither. Only for requests of the admin panel (or an admin
 * API token): the content API keeps refusing relation forms it never took, so no mini-program request
 * gains a way to link records it did not have. Seeds, services and tests send an id, `{ set }` or null.
 */
type Attribute = { type?: string; relation?: string; useJoinTable?: boolean };
type RelationForm = { connect?: unknown[]; disconnect?: unknown[]; set?: unknown };
type Context = { uid: string; action: string; params?: { data?: Record<string, unknown> } };

const WRITES = new Set(['create', 'update']);
const ADMIN_STRATEGIES = new Set(['admin', 'admin-token']);
const TO_ONE = new Set(['oneToOne', 'manyToOne']);

const isRelationForm = (value: unknown): value is RelationForm =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !('set' in value) && ('connect' in value || 'disconnect' in value);

/** The join-column value the admin's `{ connect, disconnect }` means; `undefined`: leave the relation alone. */
export const joinColumnValueOf = (form: RelationForm): { set: unknown[] } | null | undefined => {
  const connect = Array.isArray(form.connect) ? form.connect : [];
  const disconnect = Array.isArray(form.disconnect) ? form.disconnect : [];
  if (connect.length > 0) return { set: [connect[connect.length - 1]] };
  if (disconnect.length > 0) return null;
  return undefined;
};

/** In register(): on every content type, for writes only. */
export const acceptAdminRelationsOnJoinColumns = (strapi: Core.Strapi) => {
  const fromTheAdminPanel = () => {
    const request = strapi.requestContext.get() as { state?: { auth?: { strategy?: { name?: string } } } } | undefined;
    return ADMIN_STRATEGIES.has(request?.state?.auth?.strategy?.name ?? '');
  };

  strapi.documents.use(
    leavesOwnedListsAlone(async (context: Context, next: () => Promise<unknown>) => {
      const data = context.params?.data;
      if (!WRITES.has(context.action) || !data || !fromTheAdminPanel()) return next();
      const attributes = (strapi.getModel(context.uid as never) as { attributes?: Record<string, Attribute> } | undefined)?.attributes ?? {};
      for (const [field, attribute] of Object.entries(attributes)) {
        if (attribute.type !== 'relation' || attribute.useJoinTable !== false || !TO_ONE.has(attribute.relation ?? '')) continue;
        const value = data[field];
        if (!isRelationForm(value)) continue;
        const replacement = joinColumnValueOf(value);
        if (replacement === undefined) delete data[field];
        else data[field] = replacement;
      }
      return next();
    }) as never,
  );
};
