import type { Core, UID } from '@strapi/strapi';
import { CHALLENGES, HABIT_TEMPLATES, MERCHANTS, PRIZES, PRODUCT_CATEGORIES, PRODUCTS, REMINDER_TEMPLATES, SECOND_HAND, TASK_TEMPLATES } from './demo-content';
import { seedCommunityDemo } from './community-demo';
import { addDays } from '../../src/utils/calendar';
import { DEFAULT_TIMEZONE, localDayFor } from '../../src/utils/clock';

/**
 * Idempotent demo seed: each record is found by its natural key (title / name) and created only when
 * missing, so running it twice, or after an editor changed a record, never duplicates or overwrites.
 */
type Row = Record<string, unknown>;

/** Returns the row id: our relations are join columns, which the Document Service links by id. */
const ensure = async (strapi: Core.Strapi, uid: UID.ContentType, key: string, data: Row): Promise<number> => {
  const documents = strapi.documents(uid) as unknown as {
    findFirst(params: object): Promise<{ id: number } | null>;
    create(params: object): Promise<{ id: number }>;
  };
  const existing = await documents.findFirst({ filters: { [key]: data[key] }, fields: ['id'] });
  if (existing) return existing.id;
  return (await documents.create({ data })).id;
};

export const seedDemoContent = async (strapi: Core.Strapi) => {
  const templateIds = new Map<string, number>();
  for (const template of HABIT_TEMPLATES) {
    templateIds.set(template.title, await ensure(strapi, 'api::habit-template.habit-template', 'title', { ...template, active: true }));
  }
  for (const task of TASK_TEMPLATES) {
    await ensure(strapi, 'api::task-template.task-template', 'title', { ...task, active: true });
  }
  for (const prize of PRIZES) {
    await ensure(strapi, 'api::prize.prize', 'name', { ...prize, active: true });
  }
  // Running on the seed day, in Shanghai (found again by title: a second run changes nothing).
  const today = localDayFor({ timezone: DEFAULT_TIMEZONE }, new Date());
  for (const { habitTemplate, startsInDays, days, ...challenge } of CHALLENGES) {
    const startDate = addDays(today, startsInDays);
    await ensure(strapi, 'api::challenge.challenge', 'title', {
      ...challenge,
      timezone: DEFAULT_TIMEZONE,
      startDate,
      endDate: addDays(startDate, days - 1),
      habitTemplate: templateIds.get(habitTemplate) ?? null,
      visibility: 'everyone',
      isOfficial: true,
      review: 'published',
      state: 'open',
      active: true,
    });
  }
  await seedMallDemo(strapi);
  await seedCommunityDemo(strapi);
  for (const template of REMINDER_TEMPLATES) {
    await ensure(strapi, 'plugin::reminders.template' as UID.ContentType, 'templateId', { ...template, fields: { ...template.fields }, active: true });
  }
};

/** The mall's demo: two-level categories, the campus shop, products with SKUs, one second-hand listing. */
const seedMallDemo = async (strapi: Core.Strapi) => {
  const categoryIds = new Map<string, number>();
  for (const { parent, ...category } of PRODUCT_CATEGORIES.map((c) => ({ parent: undefined as string | undefined, ...c }))) {
    categoryIds.set(category.name, await ensure(strapi, 'api::product-category.product-category', 'name', { ...category, parent: parent ? categoryIds.get(parent) ?? null : null, active: true }));
  }
  const merchantIds = new Map<string, number>();
  for (const merchant of MERCHANTS) {
    merchantIds.set(merchant.name, await ensure(strapi, 'plugin::mall.merchant' as UID.ContentType, 'name', { ...merchant, pickupPoints: [...merchant.pickupPoints], active: true }));
  }
  const skus = strapi.documents('plugin::mall.sku' as UID.ContentType) as unknown as { count(params: object): Promise<number>; create(params: object): Promise<unknown> };
  for (const { category, merchant, skus: variants, ...product } of PRODUCTS) {
    const productId = await ensure(strapi, 'api::product.product', 'name', {
      ...product, kind: 'mall', review: 'approved', category: categoryIds.get(category) ?? null, merchant: merchant ? merchantIds.get(merchant) ?? null : null, active: true,
    });
    // SKUs only for a product that has none yet (an editor's SKUs are never doubled).
    if ((await skus.count({ filters: { product: { id: productId } } })) > 0) continue;
    for (const [i, sku] of variants.entries()) await skus.create({ data: { ...sku, product: productId, sortOrder: i, active: true } });
  }
  for (const { category, price, ...listing } of SECOND_HAND) {
    const productId = await ensure(strapi, 'api::product.product', 'name', { ...listing, kind: 'secondHand', review: 'approved', category: categoryIds.get(category) ?? null, active: true });
    if ((await skus.count({ filters: { product: { id: productId } } })) === 0) await skus.create({ data: { spec: '默认', price, stock: 1, product: productId, active: true } });
  }
};
