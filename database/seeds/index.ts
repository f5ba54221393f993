import type { Core, UID } from '@strapi/strapi';
import { CHALLENGES, HABIT_TEMPLATES, PRIZES, PRODUCT_CATEGORIES, PRODUCTS, TASK_TEMPLATES } from './demo-content';

/**
 * Idempotent demo seed: each record is found by its natural key (title / name) and created only when
 * missing, so running it twice, or after an editor changed a record, never duplicates or overwrites.
 */
type Row = Record<string, unknown>;

const ensure = async (strapi: Core.Strapi, uid: UID.ContentType, key: string, data: Row): Promise<string> => {
  const existing = await strapi.documents(uid).findFirst({ filters: { [key]: data[key] }, fields: ['id'] } as never);
  if (existing) return existing.documentId;
  const created = await strapi.documents(uid).create({ data } as never);
  return created.documentId;
};

export const seedDemoContent = async (strapi: Core.Strapi) => {
  const templateIds = new Map<string, string>();
  for (const template of HABIT_TEMPLATES) {
    templateIds.set(template.title, await ensure(strapi, 'api::habit-template.habit-template', 'title', { ...template, active: true }));
  }
  for (const task of TASK_TEMPLATES) {
    await ensure(strapi, 'api::task-template.task-template', 'title', { ...task, active: true });
  }
  for (const prize of PRIZES) {
    await ensure(strapi, 'api::prize.prize', 'name', { ...prize, active: true });
  }
  for (const { habitTemplate, ...challenge } of CHALLENGES) {
    await ensure(strapi, 'api::challenge.challenge', 'title', {
      ...challenge,
      habitTemplate: templateIds.get(habitTemplate) ?? null,
      isOfficial: true,
      active: true,
    });
  }
  const categoryIds = new Map<string, string>();
  for (const category of PRODUCT_CATEGORIES) {
    categoryIds.set(category.name, await ensure(strapi, 'api::product-category.product-category', 'name', { ...category, active: true }));
  }
  for (const { category, ...product } of PRODUCTS) {
    await ensure(strapi, 'api::product.product', 'name', { ...product, category: categoryIds.get(category) ?? null, active: true });
  }
};
