import { factories } from '@strapi/strapi';

// Users may only read their orders (see src/bootstrap/permissions.ts); creation and state changes
// belong to the mall's domain endpoints, and every other action answers 403 in the error envelope.
export default factories.createCoreRouter('api::order.order');
