import type { Core } from '@strapi/strapi';
import { z, type ApiRoute, type OpenApiSurface } from '../../../../../utils/openapi';
import {
  categoriesAnswerSchema,
  listingImageAnswerSchema,
  listingsAnswerSchema,
  orderAnswerSchema,
  orderListAnswerSchema,
  orderProblemDetails,
  paymentAnswerSchema,
  productAnswerSchema,
  productListAnswerSchema,
  transitionConflictDetails,
} from '../validation/answers';
import {
  cancelBodySchema,
  createOrderBodySchema,
  documentIdParams,
  listingBodySchema,
  orderListQuerySchema,
  orderNoParams,
  productListQuerySchema,
  refundRequestBodySchema,
} from '../validation/requests';

const CATALOGUE = ['Mall'];
const ORDERS = ['Orders'];
/** What WeChat Pay hears when a notification is not taken: it retries for a day. */
const wxFail = z.object({ code: z.literal('FAIL'), message: z.string() }).strict().openapi('WeChatPayNotificationFailure');
const notificationErrors = [
  { status: 400 as const, body: wxFail, description: 'Not a notification of this merchant’s order, or not decryptable with the APIv3 key (amount, merchant or appid not matching the order)' },
  { status: 401 as const, body: wxFail, description: 'Not signed by WeChat Pay (bad or missing signature, unknown serial, timestamp more than 5 minutes off)' },
  { status: 503 as const, body: wxFail, description: 'Not processed now (the database was unreachable): WeChat Pay sends it again' },
];
const conflict = { status: 409 as const, description: 'Not possible in the order’s status (`invalid_transition`), or the after-sales window has closed', details: transitionConflictDetails };

/** The mall's routes for the API document (src/openapi assembles it). */
const openapiService = (_deps: { strapi: Core.Strapi }): OpenApiSurface => ({
  routes(): ApiRoute[] {
    return [
      {
        method: 'get', path: '/mall/categories', operationId: 'listMallCategories', tags: CATALOGUE, auth: 'public',
        summary: 'The active categories, two levels (top level with its children), in the editors’ order',
        responses: { 200: { description: 'Categories', schema: categoriesAnswerSchema } }, errors: [],
      },
      {
        method: 'get', path: '/mall/products', operationId: 'listMallProducts', tags: CATALOGUE, auth: 'public',
        summary: 'Products on sale, a page at a time (cursor), filtered by category (and its children), shop, region, kind, price and how they can be paid',
        request: { query: productListQuerySchema },
        responses: { 200: { description: 'A page of products', schema: productListAnswerSchema } }, errors: [400],
      },
      {
        method: 'get', path: '/mall/products/:documentId', operationId: 'getMallProduct', tags: CATALOGUE, auth: 'public',
        summary: 'One product with its SKUs (spec, prices, stock), its shop and pickup points',
        request: { params: documentIdParams },
        responses: { 200: { description: 'The product', schema: productAnswerSchema } }, errors: [400, 404],
      },
      {
        method: 'post', path: '/mall/listings/images', operationId: 'uploadListingImage', tags: CATALOGUE, auth: 'user',
        summary: 'Upload one image for a second-hand listing (jpeg, png, webp or gif; at most 5 MB)',
        request: { form: z.object({ file: z.string().openapi({ format: 'binary' }) }) },
        responses: { 201: { description: 'The uploaded image', schema: listingImageAnswerSchema } }, errors: [400, 401, 429],
      },
      {
        method: 'post', path: '/mall/listings', operationId: 'createListing', tags: CATALOGUE, auth: 'user',
        summary: 'List a second-hand item (one unit, sold through WeChat Pay); it shows once a moderator or the content check passes it',
        request: { body: listingBodySchema },
        responses: { 201: { description: 'The listing (review pending or approved)', schema: productAnswerSchema } }, errors: [400, 401, 429],
      },
      {
        method: 'post', path: '/mall/listings/:documentId/off-shelf', operationId: 'takeListingOffShelf', tags: CATALOGUE, auth: 'user',
        summary: 'Take one of the caller’s listings off the shelf',
        request: { params: documentIdParams },
        responses: { 200: { description: 'The listing', schema: productAnswerSchema } }, errors: [400, 401, 404],
      },
      {
        method: 'get', path: '/me/listings', operationId: 'myListings', tags: CATALOGUE, auth: 'user',
        summary: 'The caller’s second-hand listings, newest first, with their review state',
        responses: { 200: { description: 'Listings', schema: listingsAnswerSchema } }, errors: [401],
      },
      {
        method: 'post', path: '/orders', operationId: 'createOrder', tags: ORDERS, auth: 'user',
        summary: 'Place an order: priced, snapshotted and stock reserved on the server; a points order is paid at once',
        description:
          'All items come from one shop and are paid one way (`payWith`). A points order spends the points in the same transaction and answers ' +
          'status `paid` with `meta.balance`; a WeChat Pay order answers `pending_payment` with `meta.payment` for wx.requestPayment ' +
          '(or 503 with the order kept when WeChat Pay cannot be reached: ask again with POST /orders/{orderNo}/pay). Send an ' +
          '`idempotencyKey` (or the Idempotency-Key header): a retry answers the first order.',
        request: { body: createOrderBodySchema },
        responses: { 201: { description: 'The order', schema: orderAnswerSchema } },
        errors: [
          { status: 400, description: 'Bad input, not enough points, a SKU not sold that way, mixed shops, a missing address', details: z.union([orderProblemDetails, z.record(z.unknown())]) },
          401,
          404,
          { status: 409, description: 'Not enough stock (`sold_out`, with the SKU)', details: orderProblemDetails },
          422,
          429,
          503,
        ],
      },
      {
        method: 'get', path: '/orders', operationId: 'listOrders', tags: ORDERS, auth: 'user',
        summary: 'The caller’s orders, newest first, by status (`refund`: requested, refunding and refunded)',
        request: { query: orderListQuerySchema },
        responses: { 200: { description: 'A page of orders', schema: orderListAnswerSchema } }, errors: [400, 401],
      },
      {
        method: 'get', path: '/orders/:orderNo', operationId: 'getOrder', tags: ORDERS, auth: 'user',
        summary: 'One of the caller’s orders with its trail (every status move: from, to, by whom, why, when)',
        request: { params: orderNoParams },
        responses: { 200: { description: 'The order', schema: orderAnswerSchema } }, errors: [400, 401, 404],
      },
      {
        method: 'post', path: '/orders/:orderNo/pay', operationId: 'payOrder', tags: ORDERS, auth: 'user',
        summary: 'The wx.requestPayment parameters of an unpaid WeChat Pay order (a new prepay when the last one has expired)',
        request: { params: orderNoParams },
        responses: { 200: { description: 'Payment parameters', schema: paymentAnswerSchema } }, errors: [400, 401, 404, conflict, 503],
      },
      {
        method: 'post', path: '/orders/:orderNo/cancel', operationId: 'cancelOrder', tags: ORDERS, auth: 'user',
        summary: 'Cancel an unpaid order: the WeChat Pay order is closed first (a payment that got there first wins), then the stock returns',
        request: { params: orderNoParams, body: cancelBodySchema },
        responses: { 200: { description: 'The order', schema: orderAnswerSchema } }, errors: [400, 401, 404, conflict, 503],
      },
      {
        method: 'post', path: '/orders/:orderNo/confirm', operationId: 'confirmOrder', tags: ORDERS, auth: 'user',
        summary: 'Confirm receipt of a shipped order (it completes; refunds stay possible within the after-sales window)',
        request: { params: orderNoParams },
        responses: { 200: { description: 'The order', schema: orderAnswerSchema } }, errors: [400, 401, 404, conflict],
      },
      {
        method: 'post', path: '/orders/:orderNo/refund', operationId: 'requestRefund', tags: ORDERS, auth: 'user',
        summary: 'Ask for a refund of a paid, shipped or (within the after-sales window) completed order; an operator decides',
        request: { params: orderNoParams, body: refundRequestBodySchema },
        responses: { 200: { description: 'The order', schema: orderAnswerSchema } }, errors: [400, 401, 404, conflict],
      },
      {
        method: 'post', path: '/orders/:orderNo/refund/withdraw', operationId: 'withdrawRefund', tags: ORDERS, auth: 'user',
        summary: 'Withdraw a refund request before it is decided (the order goes back to where it was)',
        request: { params: orderNoParams },
        responses: { 200: { description: 'The order', schema: orderAnswerSchema } }, errors: [400, 401, 404, conflict],
      },
      {
        method: 'post', path: '/orders/:orderNo/fake-pay', operationId: 'fakePayOrder', tags: ORDERS, auth: 'user',
        summary: 'Local development only (WECHAT_MODE=fake; 404 otherwise): the fake WeChat Pay’s buyer pays, and its notification moves the order',
        request: { params: orderNoParams },
        responses: { 200: { description: 'The order', schema: orderAnswerSchema } }, errors: [401, 404, conflict],
      },
      {
        method: 'post', path: '/mall/wxpay/notify', operationId: 'wxpayPaymentNotification', tags: ORDERS, auth: 'public',
        summary: 'WeChat Pay’s payment notification (signed; verified on the raw body, decrypted with the APIv3 key)',
        responses: { 204: { description: 'Received' } }, errors: notificationErrors,
      },
      {
        method: 'post', path: '/mall/wxpay/refund-notify', operationId: 'wxpayRefundNotification', tags: ORDERS, auth: 'public',
        summary: 'WeChat Pay’s refund notification',
        responses: { 204: { description: 'Received' } }, errors: notificationErrors,
      },
    ];
  },
});

export default openapiService;
