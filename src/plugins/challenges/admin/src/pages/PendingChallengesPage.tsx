import { Box, Button, EmptyStateLayout, Flex, Table, Tbody, Td, Textarea, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Fragment, useCallback, useEffect, useState } from 'react';
import { MODERATE } from '../index';

/** GET /challenges/moderation/pending (server: services/moderation.ts). */
type PendingChallenge = {
  documentId: string;
  title: string;
  description: string | null;
  startDate: string;
  endDate: string;
  rules: string;
  entryCost: number;
  creator: { id: number; nickname: string | null } | null;
  createdAt: string;
};
type PendingPage = { data: PendingChallenge[]; meta: { total: number } };

const describeError = (error: unknown): string => {
  const { status, message } = (typeof error === 'object' && error !== null ? error : {}) as { status?: unknown; message?: unknown };
  if (status === 403) return 'You do not have the moderation permission (无审核权限).';
  if (status === 409) return 'Already decided by someone else (已被他人处理，请刷新).';
  return typeof message === 'string' && message ? message : 'Unknown error';
};

const PendingChallenges = () => {
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [page, setPage] = useState<PendingPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The row whose rejection reason is being written, and the reason. */
  const [rejecting, setRejecting] = useState<{ documentId: string; note: string } | null>(null);

  const load = useCallback(async () => {
    try {
      const { data } = await get<PendingPage>('/challenges/moderation/pending', { params: { limit: 100 } });
      setPage(data);
      setError(null);
    } catch (failure) {
      setError(describeError(failure));
    }
  }, [get]);
  useEffect(() => {
    void load();
  }, [load]);

  const decide = async (item: PendingChallenge, action: 'approve' | 'reject', note?: string) => {
    setBusy(true);
    try {
      await post(`/challenges/moderation/${item.documentId}/decision`, { action, ...(note ? { note } : {}) });
      toggleNotification({ type: 'success', message: action === 'approve' ? `已通过「${item.title}」 Approved` : `已拒绝「${item.title}」 Rejected` });
      setRejecting(null);
    } catch (failure) {
      toggleNotification({ type: 'danger', message: describeError(failure) });
    } finally {
      setBusy(false);
      await load();
    }
  };

  let content;
  if (error && !page) content = <EmptyStateLayout content={`Could not load the list (无法加载): ${error}`} />;
  else if (!page) content = <Page.Loading />;
  else if (page.data.length === 0) content = <EmptyStateLayout content="No challenge waits for a decision (暂无待审挑战)" />;
  else
    content = (
      <Table colCount={5} rowCount={page.data.length + 1}>
        <Thead>
          <Tr>
            <Th><Typography variant="sigma">挑战 Challenge</Typography></Th>
            <Th><Typography variant="sigma">规则 Rules</Typography></Th>
            <Th><Typography variant="sigma">创建者 Creator</Typography></Th>
            <Th><Typography variant="sigma">提交 Submitted</Typography></Th>
            <Th><Typography variant="sigma">处理 Decision</Typography></Th>
          </Tr>
        </Thead>
        <Tbody>
          {page.data.map((item) => (
            <Fragment key={item.documentId}>
              <Tr>
                <Td style={{ whiteSpace: 'normal', maxWidth: '16rem' }}>
                  <Flex direction="column" alignItems="flex-start" gap={1}>
                    <Typography fontWeight="bold">{item.title}</Typography>
                    {item.description && <Typography textColor="neutral600">{item.description}</Typography>}
                  </Flex>
                </Td>
                <Td style={{ whiteSpace: 'normal', maxWidth: '36rem' }}>
                  <Flex direction="column" alignItems="flex-start" gap={1}>
                    <Typography>{item.rules}</Typography>
                    <Typography textColor="neutral600">
                      {item.startDate} → {item.endDate} · 报名 {item.entryCost} 积分
                    </Typography>
                  </Flex>
                </Td>
                <Td>
                  <Typography>{item.creator ? `${item.creator.nickname ?? '（未设昵称）'} #${item.creator.id}` : '—'}</Typography>
                </Td>
                <Td>
                  <Typography>{new Date(item.createdAt).toLocaleString('zh-CN')}</Typography>
                </Td>
                <Td>
                  <Flex gap={2}>
                    <Button size="S" disabled={busy} onClick={() => void decide(item, 'approve')}>
                      通过 Approve
                    </Button>
                    <Button size="S" variant="danger-light" disabled={busy} onClick={() => setRejecting({ documentId: item.documentId, note: '' })}>
                      拒绝 Reject
                    </Button>
                  </Flex>
                </Td>
              </Tr>
              {rejecting?.documentId === item.documentId && (
                <Tr>
                  <Td colSpan={5}>
                    <Flex gap={2} alignItems="flex-end" paddingTop={2} paddingBottom={2}>
                      <Box flex="1">
                        <Textarea
                          aria-label="Reason (拒绝理由)"
                          placeholder="The creator is told this reason (理由会通知创建者)"
                          value={rejecting.note}
                          onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setRejecting({ documentId: item.documentId, note: event.target.value })}
                        />
                      </Box>
                      <Button variant="danger" disabled={busy || rejecting.note.trim().length === 0} onClick={() => void decide(item, 'reject', rejecting.note.trim())}>
                        确认拒绝 Confirm
                      </Button>
                      <Button variant="tertiary" onClick={() => setRejecting(null)}>
                        取消 Cancel
                      </Button>
                    </Flex>
                  </Td>
                </Tr>
              )}
            </Fragment>
          ))}
        </Tbody>
      </Table>
    );

  return (
    <Page.Main>
      <Page.Title>Challenges</Page.Title>
      <Layouts.Header
        title="挑战审核 Challenge review"
        subtitle={`User-made challenges WeChat's check sent to a person, oldest first (待人工审核的用户挑战，最早的在前)${page ? ` · ${page.meta.total}` : ''}`}
        primaryAction={
          <Button startIcon={<ArrowClockwise />} variant="secondary" onClick={() => void load()}>
            Refresh 刷新
          </Button>
        }
      />
      <Layouts.Content>{content}</Layouts.Content>
    </Page.Main>
  );
};

const PendingChallengesPage = () => (
  <Page.Protect permissions={MODERATE}>
    <PendingChallenges />
  </Page.Protect>
);

export default PendingChallengesPage;
