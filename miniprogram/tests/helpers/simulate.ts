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

/**
 * The part of miniprogram-simulate (and of the j-component nodes it renders) these tests use. Typed here
 * rather than through the package's own index.d.ts: that one pulls in j-component's typings, which
 * reference a second, older miniprogram-api-typings (3.x, j-component's own dependency) whose global
 * `Component` / `Page` declarations collide with the 5.x ones the mini-program is checked against.
 */
export interface SimNode {
  dom: HTMLElement;
  data: Record<string, unknown>;
  instance: Record<string, unknown> & { data: Record<string, unknown> };
  querySelector(selector: string): SimNode | undefined;
  querySelectorAll(selector: string): SimNode[];
  setData(data: Record<string, unknown>, callback?: () => void): void;
  dispatchEvent(name: string, options?: Record<string, unknown>): void;
  addEventListener(name: string, handler: (event: { detail: unknown }) => void, capture?: boolean): void;
  triggerLifeTime(name: string, args?: unknown): void;
}
export interface SimRoot extends SimNode {
  attach(parent: Element): void;
  detach(): void;
}
interface Simulate {
  load(componentPath: string, tagName: string, options: { compiler: 'simulate' | 'official'; rootPath: string }): string;
  load(definition: Record<string, unknown>): string;
  render(id: string, properties?: Record<string, unknown>): SimRoot;
  sleep(ms?: number): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulate = require('miniprogram-simulate') as Simulate;

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
export const textOf = (component: SimNode, selector: string): string =>
  (component.querySelector(selector)?.dom.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Record every `name` event the component sends. */
export const eventsOf = (component: SimNode, name: string) => {
  const details: unknown[] = [];
  component.addEventListener(name, (event) => details.push(event.detail));
  return details;
};

export { simulate };

/**
 * Tap a node and let the event arrive: j-component dispatches on a later microtask, and handlers may
 * setData or send events of their own.
 */
export const tap = async (node: SimNode | null | undefined): Promise<void> => {
  if (!node) throw new Error('nothing to tap');
  node.dispatchEvent('tap');
  await simulate.sleep(0);
};

/** Whether a rendered node has `name` among its classes (simulate prefixes them with the component's tag). */
export const hasClass = (node: SimNode | null | undefined, name: string): boolean =>
  Boolean(node && Array.from(node.dom.classList).some((cls) => cls === name || cls.endsWith(`--${name}`)));
