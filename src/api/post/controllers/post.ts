import { scopedController } from '../../../utils/scoped-controller';

/** What anyone may read: published by the author, approved by a moderator, public. */
export const visiblePost = { moderationStatus: 'approved', visibility: 'public', isDraft: false } as const;

export default scopedController('api::post.post', {
  label: 'Post',
  readScope: ({ user }) => (user ? { $or: [visiblePost, { user: { id: user.id } }] } : visiblePost),
  readOnlyFields: ['authorNickname', 'authorAvatar', 'moderationStatus', 'moderationNote', 'pinned', 'likeCount', 'commentCount'],
  // Every new post waits for a moderator; the author's name is a snapshot so readers never see the user record.
  onCreate: (data, { user }) => ({
    ...data,
    moderationStatus: 'pending',
    authorNickname: user.nickname ?? null,
    authorAvatar: user.avatar ?? null,
  }),
});
