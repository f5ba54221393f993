import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { notBuiltYet } from './not-built-yet';

const postsController = (_deps: { strapi: Core.Strapi }) => ({
  async feed(_ctx: Context) {
    notBuiltYet('posts.feed');
  },
  async following(_ctx: Context) {
    notBuiltYet('posts.following');
  },
  async mine(_ctx: Context) {
    notBuiltYet('posts.mine');
  },
  async uploadImage(_ctx: Context) {
    notBuiltYet('posts.uploadImage');
  },
  async create(_ctx: Context) {
    notBuiltYet('posts.create');
  },
  async findOne(_ctx: Context) {
    notBuiltYet('posts.findOne');
  },
  async delete(_ctx: Context) {
    notBuiltYet('posts.delete');
  },
});

export default postsController;
