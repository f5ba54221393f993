import { Box, Button, EmptyStateLayout, Flex, Table, Tabs, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise, WarningCircle } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';
import { ActionDialog, type ActionRequest } from '../components/ActionDialog';
import { DecisionLog } from '../components/DecisionLog';
import { QueueItemCard } from '../components/QueueItemCard';
import {
  type Action,
  type Decision,
  type DecisionPage,
  type Mute,
  type QueueItem,
  type QueuePage,
  ACTION_LABELS,
  NOTE_ACTIONS,
  describeError,
  formatInstant,
} from '../moderation';
import { PERMISSIONS } from '../permissions';

type Tab = 'pending' | 'reported' | 'decisions' | 'mutes';
const PAGE = 20;

/** What the dialog is for: a decision on an item, or a mute of its author. */
type Pending = { kind: 'decision'; item: QueueItem; action: Action } | { kind: 'mute'; item: QueueItem };

/** A queue tab: oldest first, a page at a time (keyset cursor), refreshed after each decision. */
const useQueue = (kind: 'pending' | 'reported') => {
  const { get } = useFetchClient();
  const [items, setItems] = useState<QueueItem[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(
    async (cursor?: string) => {
      setLoading(true);
      try {
        const { data } = await get<QueuePage>('/community/moderation/queue', { params: { kind, limit: PAGE, ...(cursor ? { cursor } : {}) } });
        setItems((current) => (cursor ? [...(current ?? []), ...data.data] : data.data));
        setNext(data.meta.cursor.next);
        setError(null);
      } catch (failure) {
        setError(describeError(failure));
      } finally {
        setLoading(false);
      }
    },
    [get, kind],
  );
  return { items, next, error, loading, load };
};

const QueueTab = ({ queue, busy, onAction, onMute }: { queue: ReturnType<typeof useQueue>; busy: boolean; onAction: (item: QueueItem, action: Action) => void; onMute: (item: QueueItem) => void }) => {
  if (queue.error && !queue.items) {
    return (
      <EmptyStateLayout
        icon={<WarningCircle width="6rem" height="6rem" fill="danger600" />}
        content={`Could not load the queue (无法加载审核队列): ${queue.error}`}
        action={
          <Button variant="secondary" onClick={() => void queue.load()}>
            Retry (重试)
          </Button>
        }
      />
    );
  }
  if (!queue.items) return <Page.Loading />;
  if (queue.items.length === 0) return <EmptyStateLayout content="Nothing waits here (暂无待处理内容)" />;
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      {queue.items.map((item) => (
        <QueueItemCard key={`${item.type}-${item.id}`} item={item} busy={busy} onAction={onAction} onMute={onMute} />
      ))}
      {queue.next && (
        <Button variant="tertiary" loading={queue.loading} onClick={() => void queue.load(queue.next ?? undefined)}>
          Older… (加载更多)
        </Button>
      )}
    </Flex>
  );
};

const MutesTable = ({ mutes, busy, onLift }: { mutes: Mute[]; busy: boolean; onLift: (mute: Mute) => void }) =>
  mutes.length === 0 ? (
    <EmptyStateLayout content="Nobody is muted (当前无禁言用户)" />
  ) : (
    <Table colCount={5} rowCount={mutes.length + 1}>
      <Thead>
        <Tr>
          {['User 用户', 'Until 截止', 'Why 原因', 'Since 开始', ''].map((column) => (
            <Th key={column}>
              <Typography variant="sigma" textColor="neutral600">
                {column}
              </Typography>
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {mutes.map((mute) => (
          <Tr key={mute.id}>
            <Td>
              <Typography textColor="neutral800">
                {mute.nickname ?? '—'} · #{mute.userId}
              </Typography>
            </Td>
            <Td>
              <Typography textColor="neutral800">{formatInstant(mute.until)}</Typography>
            </Td>
            <Td>
              <Typography textColor="neutral800">{mute.reason ?? ''}</Typography>
            </Td>
            <Td>
              <Typography textColor="neutral600">{formatInstant(mute.createdAt)}</Typography>
            </Td>
            <Td>
              <Button size="S" variant="tertiary" disabled={busy} onClick={() => onLift(mute)}>
                Lift 解除
              </Button>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );

const Moderation = () => {
  const { get, post, del } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [tab, setTab] = useState<Tab>('pending');
  const pending = useQueue('pending');
  const reported = useQueue('reported');
  const [decisions, setDecisions] = useState<Decision[] | null>(null);
  const [decisionsNext, setDecisionsNext] = useState<number | null>(null);
  const [mutes, setMutes] = useState<Mute[] | null>(null);
  const [dialog, setDialog] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);

  const loadDecisions = useCallback(
    async (before?: number) => {
      try {
        const { data } = await get<DecisionPage>('/community/moderation/decisions', { params: { limit: 50, ...(before ? { before } : {}) } });
        setDecisions((current) => (before ? [...(current ?? []), ...data.data] : data.data));
        setDecisionsNext(data.meta.cursor.next);
      } catch (failure) {
        toggleNotification({ type: 'danger', message: describeError(failure) });
      }
    },
    [get, toggleNotification],
  );
  const loadMutes = useCallback(async () => {
    try {
      setMutes((await get<{ data: Mute[] }>('/community/moderation/mutes')).data.data);
    } catch (failure) {
      toggleNotification({ type: 'danger', message: describeError(failure) });
    }
  }, [get, toggleNotification]);

  const refresh = useCallback(() => {
    if (tab === 'pending') void pending.load();
    if (tab === 'reported') void reported.load();
    if (tab === 'decisions') void loadDecisions();
    if (tab === 'mutes') void loadMutes();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the loaders are stable per kind
  }, [tab, pending.load, reported.load, loadDecisions, loadMutes]);
  useEffect(refresh, [refresh]);

  /** Decisions that need no words (approve, pin, lock...) go at once; the others open the dialog. */
  const onAction = (item: QueueItem, action: Action) => {
    if (NOTE_ACTIONS.has(action)) setDialog({ kind: 'decision', item, action });
    else void send({ kind: 'decision', item, action }, { note: '', days: 0 });
  };

  const send = async (what: Pending, input: { note: string; days: number }) => {
    setBusy(true);
    try {
      if (what.kind === 'decision') {
        await post(`/community/moderation/${what.item.type}s/${what.item.documentId}/decision`, { action: what.action, ...(input.note ? { note: input.note } : {}) });
        toggleNotification({ type: 'success', message: `${ACTION_LABELS[what.action]}: done (已完成)` });
      } else if (what.item.author) {
        await post('/community/moderation/mutes', { userId: what.item.author.id, days: input.days, note: input.note });
        toggleNotification({ type: 'success', message: `Muted for ${input.days} days (已禁言 ${input.days} 天)` });
      }
      setDialog(null);
      refresh();
    } catch (failure) {
      toggleNotification({ type: 'danger', message: describeError(failure) });
      refresh();
    } finally {
      setBusy(false);
    }
  };

  const lift = async (mute: Mute) => {
    setBusy(true);
    try {
      await del(`/community/moderation/mutes/${mute.id}`);
      toggleNotification({ type: 'success', message: 'Mute lifted (已解除禁言)' });
    } catch (failure) {
      toggleNotification({ type: 'danger', message: describeError(failure) });
    } finally {
      setBusy(false);
      void loadMutes();
    }
  };

  const request: ActionRequest | null = !dialog
    ? null
    : dialog.kind === 'mute'
      ? {
          title: 'Mute the author (禁言作者)',
          description: `${dialog.item.author?.nickname ?? 'This user'} (#${dialog.item.author?.id}) will not be able to post, comment or report until the mute ends.`,
          confirmLabel: 'Mute 禁言',
          noteRequired: true,
          askDays: true,
          danger: true,
        }
      : {
          title: `${ACTION_LABELS[dialog.action]} · ${dialog.item.type} #${dialog.item.id}`,
          description:
            dialog.action === 'reject'
              ? 'The author is told 你的帖子未通过审核：<your note>.'
              : 'The author is told, with your note if you write one.',
          confirmLabel: ACTION_LABELS[dialog.action],
          noteRequired: dialog.action === 'reject',
          askDays: false,
          danger: true,
        };

  return (
    <Page.Main>
      <Page.Title>Moderation</Page.Title>
      <Layouts.Header
        title="社区审核 Moderation"
        subtitle="Pending and reported posts and comments, oldest first (待审核与被举报的内容，最早的在前)"
        primaryAction={
          <Button startIcon={<ArrowClockwise />} variant="secondary" onClick={refresh}>
            Refresh 刷新
          </Button>
        }
      />
      <Layouts.Content>
        <Tabs.Root value={tab} onValueChange={(value) => setTab(value as Tab)}>
          <Tabs.List aria-label="Moderation">
            <Tabs.Trigger value="pending">Pending 待审核</Tabs.Trigger>
            <Tabs.Trigger value="reported">Reported 被举报</Tabs.Trigger>
            <Tabs.Trigger value="decisions">Decision log 审核记录</Tabs.Trigger>
            <Tabs.Trigger value="mutes">Mutes 禁言</Tabs.Trigger>
          </Tabs.List>
          <Box paddingTop={4}>
            <Tabs.Content value="pending">
              <QueueTab queue={pending} busy={busy} onAction={onAction} onMute={(item) => setDialog({ kind: 'mute', item })} />
            </Tabs.Content>
            <Tabs.Content value="reported">
              <QueueTab queue={reported} busy={busy} onAction={onAction} onMute={(item) => setDialog({ kind: 'mute', item })} />
            </Tabs.Content>
            <Tabs.Content value="decisions">
              {!decisions ? (
                <Page.Loading />
              ) : decisions.length === 0 ? (
                <EmptyStateLayout content="No decisions yet (暂无审核记录)" />
              ) : (
                <Flex direction="column" alignItems="stretch" gap={4}>
                  <Box background="neutral0" hasRadius shadow="tableShadow">
                    <DecisionLog decisions={decisions} />
                  </Box>
                  {decisionsNext && (
                    <Button variant="tertiary" onClick={() => void loadDecisions(decisionsNext)}>
                      Older… (加载更多)
                    </Button>
                  )}
                </Flex>
              )}
            </Tabs.Content>
            <Tabs.Content value="mutes">{!mutes ? <Page.Loading /> : <MutesTable mutes={mutes} busy={busy} onLift={(mute) => void lift(mute)} />}</Tabs.Content>
          </Box>
        </Tabs.Root>
      </Layouts.Content>
      <ActionDialog request={request} busy={busy} onCancel={() => setDialog(null)} onConfirm={(input) => dialog && void send(dialog, input)} />
    </Page.Main>
  );
};

const ModerationPage = () => (
  <Page.Protect permissions={PERMISSIONS.moderate}>
    <Moderation />
  </Page.Protect>
);

export default ModerationPage;
