import type { Core } from '@strapi/strapi';
import type { ScheduledTask } from 'node-cron';
import type { FakeWeChatServer } from './fake/fake-wechat-server';

/** Resources this plugin opens per Strapi instance, so destroy() can close them. */
type State = { fake?: FakeWeChatServer; purgeTask?: ScheduledTask };

const states = new WeakMap<Core.Strapi, State>();

export const pluginState = (strapi: Core.Strapi): State => {
  let state = states.get(strapi);
  if (!state) {
    state = {};
    states.set(strapi, state);
  }
  return state;
};
