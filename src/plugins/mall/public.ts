/**
 * The mall plugin's public surface (STYLE 16): what code outside the plugin may import. Services are
 * reached through Strapi's registry (`strapi.plugin('mall').service(name)`).
 */
// Emitted for each entry of an order's trail after its transaction commits (the app's metrics count orders by status).
export { ORDER_MOVED_EVENT, type OrderMoved } from './server/src/services/orders';
