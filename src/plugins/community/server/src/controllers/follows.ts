import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { notBuiltYet } from './not-built-yet';

const followsController = (_deps: { strapi: Core.Strapi }) => ({
  async follow(_ctx: Context) {
    notBuiltYet('follows.follow');
  },
  async unfollow(_ctx: Context) {
    notBuiltYet('follows.unfollow');
  },
});

export default followsController;
