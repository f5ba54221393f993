import { scopedController } from '../../../utils/scoped-controller';
import { ValidationError } from '../../../utils/errors';
import { visiblePost } from '../../post/controllers/post';

const visibleComment = { moderationStatus: 'approved', post: visiblePost } as const;

export default scopedController('api::comment.comment', {
  label: 'Comment',
  readScope: ({ user }) => (user ? { $or: [visibleComment, { user: { id: user.id } }] } : visibleComment),
  readOnlyFields: ['authorNickname', 'authorAvatar', 'moderationStatus', 'likeCount'],
  createOnlyFields: ['post', 'parent'],
  // One may comment on posts everyone can see, and on one's own; and reply to comments one can see.
  relationScopes: {
    post: (user) => ({ $or: [visiblePost, { user: { id: user.id } }] }),
    parent: (user) => ({ $or: [visibleComment, { user: { id: user.id } }] }),
  },
  onCreate: (data, { user }) => {
    if (!data.post) throw new ValidationError('post is required: the documentId of a post', { field: 'post' });
    return { ...data, authorNickname: user.nickname ?? null, authorAvatar: user.avatar ?? null };
  },
});
