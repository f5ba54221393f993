import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { notBuiltYet } from './not-built-yet';

const commentsController = (_deps: { strapi: Core.Strapi }) => ({
  async list(_ctx: Context) {
    notBuiltYet('comments.list');
  },
  async create(_ctx: Context) {
    notBuiltYet('comments.create');
  },
  async replies(_ctx: Context) {
    notBuiltYet('comments.replies');
  },
  async delete(_ctx: Context) {
    notBuiltYet('comments.delete');
  },
});

export default commentsController;
