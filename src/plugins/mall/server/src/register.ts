import type { Core } from '@strapi/strapi';
import { checkCatalogueWrites } from './catalogue-writes';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  // Editors' writes of SKUs, products and categories (catalogue-writes.ts): stock by restock only, two levels.
  checkCatalogueWrites(strapi);
};

export default register;
