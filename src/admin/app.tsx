import { translations } from './translations';

/**
 * Strapi reads the admin's language from localStorage['strapi-admin-language'] when it first renders
 * (StrapiApp.render) and falls back to English. This module is imported by the generated entry before
 * renderAdmin runs, so Chinese is set here for anyone who has not chosen a language; a choice made in the
 * profile (or the login page's language menu) is stored under the same key and wins from then on.
 */
const LANGUAGE_KEY = 'strapi-admin-language';
const DEFAULT_LANGUAGE = 'zh-Hans';

try {
  if (!window.localStorage.getItem(LANGUAGE_KEY)) window.localStorage.setItem(LANGUAGE_KEY, DEFAULT_LANGUAGE);
} catch {
  // Storage refused (private mode, a locked-down browser): Strapi shows English, as it would anyway.
}

export default {
  config: {
    locales: [DEFAULT_LANGUAGE],
    translations,
  },
  bootstrap() {},
};
