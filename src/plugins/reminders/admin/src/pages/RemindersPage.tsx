import { Alert, Badge, Box, Button, Field, Flex, Link, NumberInput, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { PERMISSIONS } from '../permissions';

type Counts = Record<'queued' | 'sending' | 'sent' | 'retry' | 'failed' | 'refused' | 'noCredit' | 'quiet' | 'interrupted', number>;
type TemplateStats = { documentId: string; title: string; kind: string; templateId: string; active: boolean; counts: Counts };
type Stats = { since: string; templates: TemplateStats[] };
type Binding = { userId: number; nickname: string | null } | null;
type TestOutcome = { status: string; id: number | null; userId: number };

const KIND_LABELS: Record<string, string> = {
  habitReminder: '打卡提醒', streakAtRisk: '连续打卡将中断', milestoneReached: '里程碑达成', challengeEnding: '挑战即将结束', orderShipped: '订单发货', postReviewed: '帖子审核结果',
};
const STATUS_LABELS: Record<string, string> = {
  sent: '已发送', failed: '失败', refused: '用户已拒收', noCredit: '无授权次数', quiet: '免打扰', interrupted: '中断', queued: '排队中', retry: '待重试', sending: '发送中',
};
const COLUMNS: Array<{ key: keyof Counts; label: string }> = [
  { key: 'sent', label: 'Sent 已发送' },
  { key: 'failed', label: 'Failed 失败' },
  { key: 'refused', label: 'Refused 拒收' },
  { key: 'noCredit', label: 'No credit 无授权' },
  { key: 'quiet', label: 'Quiet 免打扰' },
  { key: 'interrupted', label: 'Interrupted 中断' },
  { key: 'queued', label: 'Waiting 待发' },
];

const describeError = (error: unknown): string => {
  const response = (error as { response?: { data?: { error?: { message?: string } } } })?.response;
  return response?.data?.error?.message ?? (error instanceof Error ? error.message : String(error));
};

const Section = ({ title, children }: { title: string; children: ReactNode }) => (
  <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography variant="delta" tag="h2">
        {title}
      </Typography>
      {children}
    </Flex>
  </Box>
);

/** The send log in the Content Manager, filtered to one template and status. */
const logLink = (template: TemplateStats, status?: keyof Counts) => {
  const filters = [`filters[$and][0][template][documentId][$eq]=${template.documentId}`];
  if (status) filters.push(`filters[$and][1][state][$eq]=${status}`);
  return `/admin/content-manager/collection-types/plugin::reminders.send?page=1&pageSize=20&sort=id:DESC&${filters.join('&')}`;
};

const Reminders = () => {
  const { get, put, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { allowedActions: { canTest } } = useRBAC(PERMISSIONS.test);
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [binding, setBinding] = useState<Binding>(null);
  const [userId, setUserId] = useState<number | undefined>(undefined);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [statsAnswer, bindingAnswer] = await Promise.all([get<{ data: Stats }>('/reminders/stats'), get<{ data: Binding }>('/reminders/binding')]);
      setStats(statsAnswer.data.data);
      setBinding(bindingAnswer.data.data);
      setUserId(bindingAnswer.data.data?.userId);
      setError(null);
    } catch (failure) {
      setError(describeError(failure));
    }
  }, [get]);

  useEffect(() => {
    void load();
  }, [load]);

  const bind = async () => {
    setBusy('bind');
    try {
      const { data } = await put<{ data: Binding }>('/reminders/binding', { userId: userId ?? null });
      setBinding(data.data);
      toggleNotification({ type: 'success', message: data.data ? `已绑定小程序用户 ${data.data.userId}` : '已解除绑定' });
    } catch (failure) {
      toggleNotification({ type: 'danger', message: describeError(failure) });
    } finally {
      setBusy(null);
    }
  };

  const testSend = async (template: TemplateStats) => {
    setBusy(template.documentId);
    try {
      const { data } = await post<{ data: TestOutcome }>('/reminders/test-send', { template: template.documentId });
      const status = data.data.status;
      toggleNotification({
        type: status === 'sent' ? 'success' : 'warning',
        message: `测试消息 Test message: ${STATUS_LABELS[status] ?? status}${status === 'duplicate' ? '（这一分钟已发过 already sent this minute）' : ''}`,
      });
      void load();
    } catch (failure) {
      toggleNotification({ type: 'danger', message: describeError(failure) });
    } finally {
      setBusy(null);
    }
  };

  if (!stats && !error) return <Page.Loading />;

  return (
    <Page.Main>
      <Page.Title>Reminders</Page.Title>
      <Layouts.Header
        title="订阅消息提醒 Reminders"
        subtitle="最近 7 天每个模板的发送情况 · What each template sent in the last 7 days"
        primaryAction={
          <Button variant="secondary" onClick={() => void load()}>
            刷新 Refresh
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {error && (
            <Alert variant="danger" closeLabel="Close" title="无法加载 Could not load" onClose={() => setError(null)}>
              {error}
            </Alert>
          )}
          {stats && (
            <Section title="模板 Templates">
              {stats.templates.length === 0 ? (
                <Typography textColor="neutral600">还没有模板：在内容管理「订阅消息模板」中添加。No templates yet: add them under 订阅消息模板 in the Content Manager.</Typography>
              ) : (
                <Table colCount={COLUMNS.length + 3} rowCount={stats.templates.length + 1}>
                  <Thead>
                    <Tr>
                      <Th><Typography variant="sigma">Template 模板</Typography></Th>
                      <Th><Typography variant="sigma">Kind 类型</Typography></Th>
                      {COLUMNS.map((column) => (
                        <Th key={column.key}><Typography variant="sigma">{column.label}</Typography></Th>
                      ))}
                      <Th><Typography variant="sigma">Test 测试</Typography></Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {stats.templates.map((template) => (
                      <Tr key={template.documentId}>
                        <Td>
                          <Flex direction="column" alignItems="flex-start">
                            <Link href={logLink(template)}>{template.title}</Link>
                            <Typography variant="pi" textColor="neutral500">{template.templateId}</Typography>
                          </Flex>
                        </Td>
                        <Td>
                          <Flex gap={1}>
                            <Typography>{KIND_LABELS[template.kind] ?? template.kind}</Typography>
                            {!template.active && <Badge>停用 off</Badge>}
                          </Flex>
                        </Td>
                        {COLUMNS.map((column) => (
                          <Td key={column.key}>
                            {template.counts[column.key] > 0 ? (
                              <Link href={logLink(template, column.key)}>{template.counts[column.key]}</Link>
                            ) : (
                              <Typography textColor="neutral500">0</Typography>
                            )}
                          </Td>
                        ))}
                        <Td>
                          <Button
                            size="S"
                            variant="tertiary"
                            disabled={!canTest || !binding || !template.active}
                            loading={busy === template.documentId}
                            onClick={() => void testSend(template)}
                            title={!binding ? '先绑定你的小程序账号 Bind your app user first' : undefined}
                          >
                            发给我 Send to me
                          </Button>
                        </Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              )}
              <Typography variant="pi" textColor="neutral600">
                点数字查看发送记录 · Click a number for those sends in the send log (发送记录).
              </Typography>
            </Section>
          )}
          <Section title="我的小程序账号 My app user (for test messages)">
            <Typography textColor="neutral600">
              测试消息发给这个小程序用户：先在小程序里用自己的微信登录并允许订阅，再在这里填写你的用户 ID。 Test messages go to this app user: sign in to the mini-program with your own WeChat, allow the subscription, then enter your user id here.
            </Typography>
            <Flex gap={2} alignItems="flex-end">
              <Field.Root name="userId" width="240px">
                <Field.Label>用户 ID User id</Field.Label>
                <NumberInput value={userId} onValueChange={(value: number | undefined) => setUserId(value)} disabled={!canTest} />
              </Field.Root>
              <Button onClick={() => void bind()} loading={busy === 'bind'} disabled={!canTest}>
                {userId ? '保存 Save' : '解除绑定 Unbind'}
              </Button>
              {binding && (
                <Badge>
                  已绑定 Bound: {binding.userId} {binding.nickname ?? ''}
                </Badge>
              )}
            </Flex>
          </Section>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

const RemindersPage = () => (
  <Page.Protect permissions={PERMISSIONS.read}>
    <Reminders />
  </Page.Protect>
);

export default RemindersPage;
