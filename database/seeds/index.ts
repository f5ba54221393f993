import type { Core, UID } from '@strapi/strapi';
import { CHALLENGES, HABIT_TEMPLATES, PRIZES, PRODUCT_CATEGORIES, PRODUCTS, TASK_TEMPLATES } from './demo-content';
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
  const categoryIds = new Map<string, number>();
  for (const category of PRODUCT_CATEGORIES) {
    categoryIds.set(category.name, await ensure(strapi, 'api::product-category.product-category', 'name', { ...category, active: true }));
  }
  for (const { category, ...product } of PRODUCTS) {
    await ensure(strapi, 'api::product.product', 'name', { ...product, category: categoryIds.get(category) ?? null, active: true });
  }
  await seedCommunityDemo(strapi);
};
