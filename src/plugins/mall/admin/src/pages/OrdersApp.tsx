import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { ORDERS } from '../permissions';
import { OrderListPage } from './OrderListPage';
import { OrderPage } from './OrderPage';

/** /admin/plugins/mall: the order list; /admin/plugins/mall/:orderNo: one order. */
const OrdersApp = () => (
  <Page.Protect permissions={ORDERS}>
    <Routes>
      <Route index element={<OrderListPage />} />
      <Route path=":orderNo" element={<OrderPage />} />
    </Routes>
  </Page.Protect>
);

export default OrdersApp;
