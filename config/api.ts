import type { Core } from '@strapi/strapi';

export default ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Api => ({
  rest: {
    prefix: '/api',
    defaultLimit: 25,
    maxLimit: 100,
    withCount: true,
    // The caller's own lists with a plain query in one statement (src/utils/owned-list.ts).
    ownedListFastPath: env.bool('OWNED_LIST_FAST_PATH', true),
  } as Core.Config.Api['rest'],
});
