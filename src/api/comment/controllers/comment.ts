import { scopedController } from '../../../utils/scoped-controller';
import { NotFoundError, ValidationError } from '../../../utils/errors';
import { visiblePost } from '../../post/controllers/post';

const visibleComment = { moderationStatus: 'approved', post: visiblePost } as const;

export default scopedController('api::comment.comment', {
  label: 'Comment',
  readScope: ({ user }) => (user ? { $or: [visibleComment, { user: { id: user.id } }] } : visibleComment),
  readOnlyFields: ['authorNickname', 'authorAvatar', 'moderationStatus', 'likeCount'],
  createOnlyFields: ['post', 'parent'],
  onCreate: async (data, { user, strapi }) => {
    if (typeof data.post !== 'string') throw new ValidationError('post is required: the documentId of a post', { field: 'post' });
    // One may comment on posts everyone can see, and on one's own.
    const post = await strapi.documents('api::post.post').findFirst({
      filters: { documentId: data.post, $or: [visiblePost, { user: { id: user.id } }] },
      fields: ['id'],
    } as never);
    if (!post) throw new NotFoundError('Post not found', { field: 'post' });
    return { ...data, authorNickname: user.nickname ?? null, authorAvatar: user.avatar ?? null };
  },
});
