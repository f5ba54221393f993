import { scopedController } from '../../../utils/scoped-controller';

/** Users read their own orders; creation and state changes belong to the mall's domain endpoints. */
export default scopedController('api::order.order', {
  label: 'Order',
});
