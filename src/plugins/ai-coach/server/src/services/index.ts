import chat from './chat';
import conversations from './conversations';
import diaryComments from './diary-comments';
import faq from './faq';
import llm from './llm';
import openapi from './openapi';
import prompt from './prompt';
import quota from './quota';
import textCheck from './text-check';

/** The plugin's services: llm (the provider client), chat, conversations, quota, faq, prompt, openapi. */
const services = {
  llm,
  chat,
  conversations,
  quota,
  faq,
  prompt,
  textCheck,
  openapi,
  'diary-comments': diaryComments,
};

export default services;

export type PluginServices = { [K in keyof typeof services]: ReturnType<(typeof services)[K]> };
