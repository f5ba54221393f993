/**
 * Rendering a page (`pages/<name>/index`) in miniprogram-simulate. simulate renders components only, so
 * the page's own `Page({...})` definition is captured and registered as a component of the same
 * template: its data stays data, its functions (lifecycle hooks and handlers alike) become methods, and
 * the components in its index.json are loaded from components/. The test then calls the lifecycle
 * hooks itself (`await page.instance.onLoad({})`), as the framework would.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createApiOn, setApi } from '../../api';
import { loadComponent, MINIPROGRAM_ROOT, simulate, type SimRoot } from './simulate';
import { installWx, type WxAnswer, type WxDouble, type WxHandler } from './wx-double';

type Definition = Record<string, unknown> & { data?: Record<string, unknown> };

const definitions = new Map<string, Definition>();
const ids = new Map<string, string>();

/** The page's `Page({...})` argument (its module runs once per test file). */
export const pageDefinition = (name: string): Definition => {
  const known = definitions.get(name);
  if (known) return known;
  const global = globalThis as unknown as { Page?: (definition: Definition) => void };
  const original = global.Page;
  let captured: Definition | null = null;
  global.Page = (definition) => {
    captured = definition;
  };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(path.join(MINIPROGRAM_ROOT, 'pages', name, 'index'));
  } finally {
    global.Page = original;
  }
  if (!captured) throw new Error(`pages/${name}/index did not call Page()`);
  definitions.set(name, captured);
  return captured;
};

const loadPage = (name: string): string => {
  const known = ids.get(name);
  if (known) return known;
  const dir = path.join(MINIPROGRAM_ROOT, 'pages', name);
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')) as { usingComponents?: Record<string, string> };
  const usingComponents = Object.fromEntries(
    Object.entries(json.usingComponents ?? {}).map(([tag, componentPath]) => {
      const match = /^\/components\/([^/]+)\/index$/.exec(componentPath);
      if (!match) throw new Error(`pages/${name}: only /components/<name>/index is supported, not ${componentPath}`);
      return [tag, loadComponent(match[1])];
    }),
  );
  const { data, ...rest } = pageDefinition(name);
  const methods = Object.fromEntries(Object.entries(rest).filter(([, value]) => typeof value === 'function'));
  const id = simulate.load({
    tagName: `page-${name}`,
    template: fs.readFileSync(path.join(dir, 'index.wxml'), 'utf8'),
    usingComponents,
    // Each render starts from the definition's data (simulate copies it per instance).
    data: JSON.parse(JSON.stringify(data ?? {})) as Record<string, unknown>,
    methods,
  });
  ids.set(name, id);
  return id;
};

/** A rendered page; its instance's handlers are called by name (`page.instance.onLoad({})`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a page's handlers take whatever WeChat passes them
type Handler = (...args: any[]) => any;
export type RenderedPage = SimRoot & { instance: Record<string, Handler> & { data: Record<string, unknown> } };

/** A fresh instance of the page, attached, before its onLoad. */
export const renderPage = (name: string): RenderedPage => {
  const page = simulate.render(loadPage(name));
  page.attach(document.createElement('parent-wrapper'));
  return page as RenderedPage;
};

export type UiCalls = {
  toasts: string[];
  navigations: string[];
  redirects: string[];
  copied: string[];
  /** What the next wx.showModal answers (confirm or cancel). */
  confirmNext: boolean;
  /** Every wx.requestSubscribeMessage: the ids asked for. */
  subscribeCalls: string[][];
  /** What wx.requestSubscribeMessage answers: each id's choice, or a fail with this errCode. */
  subscribeAnswer: { results: Record<string, string> } | { errCode: number };
};

/**
 * The `wx` UI calls a page makes (toasts, navigation, modals, clipboard), recorded on the wx double the
 * API layer already uses. Call after installWx.
 */
export const installUi = (): UiCalls => {
  const calls: UiCalls = { toasts: [], navigations: [], redirects: [], copied: [], confirmNext: true, subscribeCalls: [], subscribeAnswer: { results: {} } };
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  Object.assign(wx, {
    showToast: (option: { title: string }) => void calls.toasts.push(option.title),
    showModal: (option: { success?: (res: { confirm: boolean; cancel: boolean }) => void }) => option.success?.({ confirm: calls.confirmNext, cancel: !calls.confirmNext }),
    navigateTo: (option: { url: string }) => void calls.navigations.push(option.url),
    redirectTo: (option: { url: string }) => void calls.redirects.push(option.url),
    navigateBack: () => void calls.navigations.push('back'),
    switchTab: (option: { url: string }) => void calls.navigations.push(option.url),
    setClipboardData: (option: { data: string; success?: () => void }) => {
      calls.copied.push(option.data);
      option.success?.();
    },
    // Answers on a later tick, as WeChat's sheet does; the ids are recorded at the call (inside the tap).
    requestSubscribeMessage: (option: { tmplIds: string[]; success?: (res: Record<string, string>) => void; fail?: (err: { errCode: number; errMsg: string }) => void }) => {
      calls.subscribeCalls.push([...option.tmplIds]);
      const answer = calls.subscribeAnswer;
      setTimeout(() => {
        if ('errCode' in answer) option.fail?.({ errCode: answer.errCode, errMsg: `requestSubscribeMessage:fail ${answer.errCode}` });
        else option.success?.({ errMsg: 'requestSubscribeMessage:ok', ...answer.results });
      }, 0);
    },
    stopPullDownRefresh: () => undefined,
    setNavigationBarTitle: () => undefined,
    vibrateShort: () => undefined,
  });
  return calls;
};

/**
 * Let a page's requests, their answers and the renders after them run. jsdom has no setImmediate (the wx
 * double's `settle` uses it), so this waits on macrotasks, which also lets j-component's deferred event
 * dispatch through.
 */
export const settle = async (rounds = 20) => {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
};

/** A JSON answer (200 unless told). */
export const ok = (body: unknown, status = 200): WxAnswer => ({ status, headers: { 'Content-Type': 'application/json' }, body });

/**
 * The app as a page test needs it: the wx double answering with `handler`, a signed-in session (an
 * access token in storage, so no sign-in request comes first), the UI calls recorded, and getApi()
 * pointed at all of it.
 */
export const installApp = (handler: WxHandler, options: { now?: () => Date } = {}): { double: WxDouble; ui: UiCalls } => {
  const double = installWx(handler);
  double.storage.set('auth.jwt', JSON.stringify('jwt-test'));
  const ui = installUi();
  setApi(createApiOn(double.platform(options), 'http://127.0.0.1:1337'));
  return { double, ui };
};
