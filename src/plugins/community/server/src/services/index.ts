import boards from './boards';
import decisions from './decisions';
import gate from './gate';
import limits from './limits';
import mediaCheck from './media-check';
import moderation from './moderation';
import mutes from './mutes';
import notifications from './notifications';
import openapi from './openapi';
import reports from './reports';
import comments from './comments';
import counters from './counters';
import likes from './likes';
import feed from './feed';
import follows from './follows';
import images from './images';
import postViews from './post-views';
import posts from './posts';
import views from './views';

const services = { boards, gate, limits, notifications, openapi, decisions, moderation, mutes, reports, mediaCheck, comments, counters, likes, feed, follows, images, postViews, posts, views };

/** name -> service type, so `getService(strapi, 'boards')` is checked by the compiler (STYLE 7). */
export type PluginServices = { [K in keyof typeof services]: ReturnType<(typeof services)[K]> };

export default services;
