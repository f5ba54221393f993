import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::order.order', {
  // Orders are created and moved through their states by the mall's domain endpoints, never by raw CRUD.
  only: ['find', 'findOne'],
});
