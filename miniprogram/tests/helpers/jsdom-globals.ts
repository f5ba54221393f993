import { JSDOM } from 'jsdom';

/**
 * The DOM globals miniprogram-simulate needs, for a test that runs in jest's node environment (the
 * contract tests boot the real backend there). Install after the backend has booted and before
 * loading the simulate helpers; Node's own Event and CustomEvent are replaced by jsdom's, which its
 * dispatchEvent requires.
 */
export const installDomGlobals = () => {
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { pretendToBeVisual: true });
  const globals = globalThis as Record<string, unknown>;
  const window = dom.window as unknown as Record<string, unknown>;
  for (const name of ['document', 'Element', 'HTMLElement', 'Node', 'Event', 'CustomEvent', 'TouchEvent', 'Touch', 'navigator', 'getComputedStyle', 'requestAnimationFrame', 'MutationObserver']) {
    Object.defineProperty(globals, name, { value: window[name], configurable: true, writable: true });
  }
  Object.defineProperty(globals, 'window', { value: dom.window, configurable: true, writable: true });
};
