/**
 * Loading the mini-program's TypeScript components into miniprogram-simulate under the root jest.
 *
 * simulate.load(path) reads `<path>.json` / `.wxml` / `.wxss` from disk and then `require`s `<path>`:
 * inside jest that is jest's own require, which resolves `index.ts` (ts comes before json in jest's
 * moduleFileExtensions) and compiles it with the root swc transform, and the component's `Component({...})`
 * call reaches simulate's global `Component`. We use simulate's pure-JS template compiler (`compiler:
 * 'simulate'`) rather than the official wcc binary. Jest's require cache ignores simulate's attempt to
 * forget the module, so a component file runs once per test file: load each component once (cached
 * here) and render it as often as needed.
 */
import path from 'node:path';
import * as simulate from 'miniprogram-simulate';

export const MINIPROGRAM_ROOT = path.resolve(__dirname, '..', '..');

const loaded = new Map<string, string>();

/** The simulate id of `components/<name>/index`, loaded once per test file. */
export const loadComponent = (name: string): string => {
  const known = loaded.get(name);
  if (known) return known;
  const id = simulate.load(path.join(MINIPROGRAM_ROOT, 'components', name, 'index'), name, { compiler: 'simulate', rootPath: MINIPROGRAM_ROOT });
  loaded.set(name, id);
  return id;
};

/** Render a loaded component with `properties` and attach it to a fresh parent, as a page would. */
export const renderComponent = (name: string, properties: Record<string, unknown> = {}) => {
  const component = simulate.render(loadComponent(name), properties);
  component.attach(document.createElement('parent-wrapper'));
  return component;
};

/** The text of the first node matching `selector` ('' when there is none), whitespace collapsed. */
export const textOf = (component: { querySelector(selector: string): { dom: Element } | undefined | null }, selector: string): string =>
  (component.querySelector(selector)?.dom.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Record every `name` event the component sends. */
export const eventsOf = (component: { addEventListener(name: string, handler: (event: { detail: unknown }) => void): void }, name: string) => {
  const details: unknown[] = [];
  component.addEventListener(name, (event) => details.push(event.detail));
  return details;
};

export { simulate };

/**
 * Tap a node and let the event arrive: j-component dispatches on a later microtask, and handlers may
 * setData or send events of their own.
 */
export const tap = async (node: { dispatchEvent(name: string, options?: Record<string, unknown>): void } | null | undefined): Promise<void> => {
  if (!node) throw new Error('nothing to tap');
  node.dispatchEvent('tap');
  await simulate.sleep(0);
};

/** Whether a rendered node has `name` among its classes (simulate prefixes them with the component's tag). */
export const hasClass = (node: { dom: Element } | null | undefined, name: string): boolean =>
  Boolean(node && [...node.dom.classList].some((cls) => cls === name || cls.endsWith(`--${name}`)));
