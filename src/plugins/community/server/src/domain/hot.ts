/**
 * The hot order of a feed (issue 13): engagement decayed by age, Hacker News' gravity form,
 *   score = (likes + COMMENT_WEIGHT * comments + 1) / (ageHours + AGE_OFFSET_HOURS) ^ GRAVITY
 * computed in SQL over the rows (the feed query orders by it), with this function as the reference the
 * SQL is tested against. A post's own like does not count twice; pinned posts are listed apart.
 */
export const HOT = { commentWeight: 2, ageOffsetHours: 2, gravity: 1.5 } as const;

export const hotScore = (post: { likeCount: number; commentCount: number; createdAt: Date | string }, now: Date, rule = HOT): number => {
  const created = typeof post.createdAt === 'string' ? new Date(post.createdAt) : post.createdAt;
  const ageHours = Math.max(0, (now.getTime() - created.getTime()) / 3_600_000);
  const engagement = Math.max(0, post.likeCount) + rule.commentWeight * Math.max(0, post.commentCount) + 1;
  return engagement / Math.pow(ageHours + rule.ageOffsetHours, rule.gravity);
};
