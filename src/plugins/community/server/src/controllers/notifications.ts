import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { notBuiltYet } from './not-built-yet';

const notificationsController = (_deps: { strapi: Core.Strapi }) => ({
  async list(_ctx: Context) {
    notBuiltYet('notifications.list');
  },
  async unread(_ctx: Context) {
    notBuiltYet('notifications.unread');
  },
  async read(_ctx: Context) {
    notBuiltYet('notifications.read');
  },
});

export default notificationsController;
