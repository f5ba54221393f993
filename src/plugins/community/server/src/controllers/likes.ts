import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { notBuiltYet } from './not-built-yet';

const likesController = (_deps: { strapi: Core.Strapi }) => ({
  async likePost(_ctx: Context) {
    notBuiltYet('likes.likePost');
  },
  async unlikePost(_ctx: Context) {
    notBuiltYet('likes.unlikePost');
  },
  async likeComment(_ctx: Context) {
    notBuiltYet('likes.likeComment');
  },
  async unlikeComment(_ctx: Context) {
    notBuiltYet('likes.unlikeComment');
  },
});

export default likesController;
