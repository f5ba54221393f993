/**
 * The one configuration file of the mini-program. Change these three values, nothing else.
 *
 * - `serverUrl`: where the platform's REST API runs (no trailing slash). The local default is the
 *   backend started with `npm run develop` at the repository root. For a phone preview, use your
 *   computer's LAN address; for release, your https domain (add it to the mini-program's
 *   "request 合法域名" list in the WeChat admin console).
 * - The AppID is not here: WeChat DevTools reads it from `project.config.json` ("appid"), which ships
 *   with the placeholder "touristappid". Put your own AppID there (and the same one in the server's
 *   WECHAT_APP_ID), or keep the placeholder and sign in through the fake WeChat (next item).
 * - `devSignInAs`: with the backend's fake WeChat (`WECHAT_MODE=fake npm run develop`), any code signs
 *   in and the part before the first "." names the person; DevTools' own `wx.login()` codes (no ".")
 *   all sign in as the demo person `devtools`. Set a name here to be someone else: the app then signs
 *   in with `<name>.<time>` instead of `wx.login()`'s code (the same person on every device, e.g. a
 *   phone preview). Leave it `null` for a real AppID; never ship a build with it set (the real WeChat
 *   refuses such codes anyway).
 */
export const config = {
  serverUrl: 'http://127.0.0.1:1337',
  devSignInAs: null as string | null,
  /** How long one request may take before it counts as "no network" (ms). */
  requestTimeoutMs: 10000,
  /**
   * The backend runs the fake WeChat Pay (`WECHAT_MODE=fake`): DevTools cannot pay its orders with
   * wx.requestPayment, so the pay step asks the server's `POST /api/orders/{orderNo}/fake-pay` instead.
   * Leave false for a real merchant account.
   */
  fakePayments: false,
};

export type AppConfig = typeof config;
