import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { notBuiltYet } from './not-built-yet';

const reportsController = (_deps: { strapi: Core.Strapi }) => ({
  async create(_ctx: Context) {
    notBuiltYet('reports.create');
  },
});

export default reportsController;
