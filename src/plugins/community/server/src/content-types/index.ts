import board from './board/schema.json';
import comment from './comment/schema.json';
import decision from './decision/schema.json';
import follow from './follow/schema.json';
import image from './image/schema.json';
import like from './like/schema.json';
import mediaCheck from './media-check/schema.json';
import mute from './mute/schema.json';
import notification from './notification/schema.json';
import post from './post/schema.json';
import report from './report/schema.json';

export default {
  board: { schema: board },
  post: { schema: post },
  comment: { schema: comment },
  like: { schema: like },
  report: { schema: report },
  decision: { schema: decision },
  notification: { schema: notification },
  mute: { schema: mute },
  follow: { schema: follow },
  image: { schema: image },
  'media-check': { schema: mediaCheck },
};

/** Typed names of this plugin's content types (STYLE 9: no bare strings in services). */
export const UIDS = {
  board: 'plugin::community.board',
  post: 'plugin::community.post',
  comment: 'plugin::community.comment',
  like: 'plugin::community.like',
  report: 'plugin::community.report',
  decision: 'plugin::community.decision',
  notification: 'plugin::community.notification',
  mute: 'plugin::community.mute',
  follow: 'plugin::community.follow',
  image: 'plugin::community.image',
  mediaCheck: 'plugin::community.media-check',
} as const;

/** Tables for the hand-written SQL of the hot paths (feeds, likes, counters), each with a comment on why. */
export const TABLES = {
  boards: board.collectionName,
  posts: post.collectionName,
  comments: comment.collectionName,
  likes: like.collectionName,
  reports: report.collectionName,
  decisions: decision.collectionName,
  notifications: notification.collectionName,
  mutes: mute.collectionName,
  follows: follow.collectionName,
  images: image.collectionName,
  mediaChecks: mediaCheck.collectionName,
  users: 'up_users',
  files: 'files',
  filesRelated: 'files_related_mph',
} as const;
