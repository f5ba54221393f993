import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { ApplicationError } from '../../../../../utils/errors';

/** Second-hand listings: being built on the mall-catalogue branch; until it lands these answer 501. */
const notYet = (_ctx: Context) => {
  throw new ApplicationError('Second-hand listings are not available yet', { reason: 'not_implemented' });
};
const listingsController = (_deps: { strapi: Core.Strapi }) => ({ uploadImage: notYet, create: notYet, offShelf: notYet, mine: notYet });
export default listingsController;
