import type { Core } from '@strapi/strapi';
import { checkEditorWrites } from './editor-writes';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  // Editors' challenges (admin, seeds) are checked before they are written: impossible terms are refused.
  checkEditorWrites(strapi);
};
