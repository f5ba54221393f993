import { catalogueController } from '../../../utils/scoped-controller';

/**
 * Public catalogue: everyone reads active products that passed review (second-hand listings wait for a
 * moderator); editors manage them in the admin panel. The mall's own lists (/api/mall/products) add
 * cursor pages, filters and SKUs.
 */
export default catalogueController('api::product.product', 'Product', { active: true, review: 'approved' });
