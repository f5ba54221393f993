import type { Core } from '@strapi/strapi';

/**
 * The one admin permission this plugin adds: the platform's activity (check-ins, active users, points).
 * The other widgets ask for the permission of the work they point to (sections.ts); super admins have all.
 */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany([
    { section: 'plugins', displayName: 'See check-ins, active users and points (打卡与积分数据)', uid: 'activity', pluginName: 'dashboard' },
  ]);
};
