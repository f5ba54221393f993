import admin from './admin';
import catalogue from './catalogue';
import listings from './listings';
import notifications from './notifications';
import orders from './orders';

export default { admin, catalogue, listings, notifications, orders };
