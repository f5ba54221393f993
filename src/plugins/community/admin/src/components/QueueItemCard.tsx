import { Badge, Box, Button, Flex, Typography } from '@strapi/design-system';
import {
  type Action,
  type QueueItem,
  ACTION_LABELS,
  NOTE_ACTIONS,
  REASON_LABELS,
  REPORT_REASON_LABELS,
  STATUS_LABELS,
  accountAge,
  actionsFor,
  formatInstant,
} from '../moderation';

type Props = {
  item: QueueItem;
  busy: boolean;
  onAction: (item: QueueItem, action: Action) => void;
  onMute: (item: QueueItem) => void;
};

const Label = ({ children }: { children: string }) => (
  <Typography variant="sigma" textColor="neutral600">
    {children}
  </Typography>
);

/**
 * One item waiting for a moderator. Users' text is rendered as React text (escaped, whitespace kept),
 * never as HTML: `<b>` in a post shows as the characters `<b>`.
 */
export const QueueItemCard = ({ item, busy, onAction, onMute }: Props) => {
  const author = item.author;
  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={5} data-testid={`queue-item-${item.type}-${item.id}`}>
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Flex gap={2} wrap="wrap">
          <Badge active>{item.type === 'post' ? '帖子 Post' : '评论 Comment'}</Badge>
          <Badge>{STATUS_LABELS[item.status]}</Badge>
          {item.reasons.map((reason) => (
            <Badge key={reason} backgroundColor="warning100" textColor="warning700">
              {REASON_LABELS[reason]}
            </Badge>
          ))}
          {item.anonymous && (
            <Badge backgroundColor="secondary100" textColor="secondary700">
              匿名 Anonymous
            </Badge>
          )}
          {item.pinned && <Badge>置顶 Pinned</Badge>}
          {item.commentsLocked && <Badge>评论已锁定 Locked</Badge>}
          <Typography textColor="neutral500" variant="pi">
            #{item.id} · {formatInstant(item.createdAt)}
            {item.board ? ` · ${item.board.name}` : ''}
            {item.post ? ` · on post ${item.post.title ?? item.post.documentId}` : ''}
          </Typography>
        </Flex>

        {item.title && (
          <Typography variant="delta" tag="h3" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {item.title}
          </Typography>
        )}
        <Typography textColor="neutral800" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {item.content}
        </Typography>

        {item.images.length > 0 && (
          <Flex gap={2} wrap="wrap">
            {item.images.map((image) => (
              <a key={image.url} href={image.url} target="_blank" rel="noreferrer noopener">
                <img src={image.url} alt={image.name ?? ''} style={{ width: 96, height: 96, objectFit: 'cover', borderRadius: 4, border: '1px solid #dcdce4' }} />
              </a>
            ))}
          </Flex>
        )}

        <Flex gap={6} wrap="wrap" alignItems="flex-start">
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <Label>Author 作者</Label>
            {author ? (
              <Typography textColor="neutral800">
                {author.nickname ?? author.username ?? '—'} · user #{author.id} · account {accountAge(author.createdAt)}
                {author.blocked ? ' · blocked 已封禁' : ''}
                {author.mutedUntil ? ` · muted until ${formatInstant(author.mutedUntil)} (禁言中)` : ''}
              </Typography>
            ) : (
              <Typography textColor="neutral500">(deleted account 已注销)</Typography>
            )}
          </Flex>
          {item.moderationNote && (
            <Flex direction="column" alignItems="flex-start" gap={1}>
              <Label>Note 备注</Label>
              <Typography textColor="neutral800">{item.moderationNote}</Typography>
            </Flex>
          )}
        </Flex>

        {item.reports.total > 0 && (
          <Flex direction="column" alignItems="stretch" gap={1}>
            <Label>{`Reports 举报 (${item.reports.total}, ${item.reports.counted} counted 计入)`}</Label>
            {item.reports.items.map((report) => (
              <Typography key={report.id} textColor={report.counted ? 'neutral800' : 'neutral500'} variant="pi">
                {REPORT_REASON_LABELS[report.reason] ?? report.reason}
                {report.note ? `：${report.note}` : ''} — {report.reporter?.nickname ?? `user #${report.reporter?.id ?? '?'}`}, {formatInstant(report.createdAt)}
                {report.counted ? '' : ' (not counted: new account 新账号不计)'}
              </Typography>
            ))}
          </Flex>
        )}

        <Flex gap={2} wrap="wrap">
          {actionsFor(item).map((action) => (
            <Button
              key={action}
              size="S"
              disabled={busy}
              variant={action === 'approve' ? 'success-light' : action === 'reject' || action === 'delete' ? 'danger-light' : 'secondary'}
              onClick={() => onAction(item, action)}
            >
              {ACTION_LABELS[action]}
              {NOTE_ACTIONS.has(action) ? '…' : ''}
            </Button>
          ))}
          {author && (
            <Button size="S" variant="tertiary" disabled={busy} onClick={() => onMute(item)}>
              Mute author 禁言作者…
            </Button>
          )}
        </Flex>
      </Flex>
    </Box>
  );
};
