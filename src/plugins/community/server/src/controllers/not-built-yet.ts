import { errors } from '@strapi/utils';

/** Placeholder while issue 13 is built: remove with the last stub. */
export const notBuiltYet = (action: string): never => {
  throw new errors.ApplicationError(`${action} is not built yet`);
};
