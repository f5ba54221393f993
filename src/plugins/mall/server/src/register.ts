import type { Core } from '@strapi/strapi';
import { catalogueRules } from './catalogue-rules';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  catalogueRules(strapi);
};

export default register;
