/**
 * What a post's page changed (a like, a comment, the post deleted) shown by the lists that were open
 * under it (a feed, my posts) when they come back into view, without reading them again (a read of the
 * post would count a view). Changes are numbered: a list applies those newer than what it has seen, and
 * a list read afresh from the server has seen them all.
 */
import type { CommunityPost } from '../api/paths';
import { removeItem, updateItems, type CursorList } from './community-list';

type Change = { version: number; documentId: string; post: CommunityPost | null };

/** The latest change of each post, newest last (a few dozen at most: only what one person did). */
const changes = new Map<string, Change>();
let version = 0;
const KEEP = 50;

const remember = (documentId: string, post: CommunityPost | null) => {
  version += 1;
  changes.delete(documentId);
  changes.set(documentId, { version, documentId, post });
  if (changes.size > KEEP) changes.delete(changes.keys().next().value as string);
};

/** The post as its page shows it now (liked, counts). */
export const postChanged = (post: CommunityPost) => remember(post.documentId, post);

/** The post is gone (deleted by its author). */
export const postDeleted = (documentId: string) => remember(documentId, null);

/** The number of the latest change: a list read now has seen everything up to it. */
export const changesSeen = (): number => version;

/** The list with the changes after `seen`: counts and like taken from the page, deleted posts gone. */
export const withChanges = (list: CursorList<CommunityPost>, seen: number): CursorList<CommunityPost> => {
  let shown = list;
  for (const change of changes.values()) {
    if (change.version <= seen) continue;
    const post = change.post;
    shown = post
      ? updateItems(shown, change.documentId, (item) => ({ ...item, liked: post.liked, likeCount: post.likeCount, commentCount: post.commentCount }))
      : removeItem(shown, change.documentId);
  }
  return shown;
};
