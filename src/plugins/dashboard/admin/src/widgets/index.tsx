import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import { useFetchClient, Widget } from '@strapi/strapi/admin';
import { type ReactNode, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { styled } from 'styled-components';

/**
 * The home page's widgets: each asks its own route (server: routes/admin) and shows a few large numbers,
 * labelled in Chinese with English. A route that answers 403 (the widget's permission was taken away since
 * the page loaded) shows Strapi's "no permission" state rather than an error.
 */
type DayActivity = { date: string; checkIns: number; activeUsers: number };
type Activity = { timezone: string; today: DayActivity; yesterday: DayActivity };
type Points = { timezone: string; weekStart: string; from: string; until: string; issued: number; spent: number; net: number; entries: number };
type LotteryStock = { threshold: number; total: number; prizes: Array<{ id: number; documentId: string; name: string; kind: string; stock: number }> };
type Moderation = { posts: number; comments: number; openReports: number };
type Orders = { scope: 'all' | 'ownShops'; unpaid: number; toShip: number; refundRequested: number };
type Reminders = { since: string; until: string; failed: number; refused: number; interrupted: number; total: number };

type Load<T> = { data: T | null; state: 'loading' | 'ready' | 'error' | 'forbidden' };

const useDashboard = <T,>(path: string): Load<T> => {
  const { get } = useFetchClient();
  const [load, setLoad] = useState<Load<T>>({ data: null, state: 'loading' });
  useEffect(() => {
    let live = true;
    get<{ data: T }>(`/dashboard/${path}`)
      .then(({ data }) => live && setLoad({ data: data.data, state: 'ready' }))
      .catch((error: { response?: { status?: number } }) => live && setLoad({ data: null, state: error?.response?.status === 403 ? 'forbidden' : 'error' }));
    return () => {
      live = false;
    };
  }, [get, path]);
  return load;
};

const Cells = styled(Box)`
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(120px, 1fr));
  gap: ${({ theme }) => theme.spaces[3]};
`;

const Plain = styled(Link)`
  text-decoration: none;
  color: inherit;
`;

const TONES = {
  warning: { background: 'warning100', text: 'warning700' },
  danger: { background: 'danger100', text: 'danger700' },
} as const;

/** One number with its label, optionally a link to the work behind it, and a line under it. */
const Stat = ({ label, value, note, to, tone }: { label: string; value: number; note?: ReactNode; to?: string; tone?: keyof typeof TONES }) => {
  const colors = tone && value > 0 ? TONES[tone] : { background: 'neutral100' as const, text: 'neutral800' as const };
  const body = (
    <Box background={colors.background} hasRadius padding={3} height="100%">
      <Flex direction="column" alignItems="flex-start" gap={1}>
        <Typography variant="pi" textColor="neutral600">
          {label}
        </Typography>
        <Typography variant="alpha" tag="p" textColor={colors.text} data-stat={label}>
          {value.toLocaleString('zh-CN')}
        </Typography>
        {note && (
          <Typography variant="pi" textColor="neutral500">
            {note}
          </Typography>
        )}
      </Flex>
    </Box>
  );
  return to ? <Plain to={to}>{body}</Plain> : body;
};

const Footnote = ({ children }: { children: ReactNode }) => (
  <Typography variant="pi" textColor="neutral500">
    {children}
  </Typography>
);

/** The widget's frame for the loading, refused and failed states; `render` once the numbers are in. */
const Loaded = <T,>({ load, render }: { load: Load<T>; render: (data: T) => ReactNode }) => {
  if (load.state === 'loading') return <Widget.Loading />;
  if (load.state === 'forbidden') return <Widget.NoPermissions />;
  if (load.state === 'error' || !load.data) return <Widget.Error>无法加载 Could not load the numbers</Widget.Error>;
  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%">
      {render(load.data)}
    </Flex>
  );
};

const zoneName = (timezone: string) => (timezone === 'Asia/Shanghai' ? '北京时间 Asia/Shanghai' : timezone);

const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

const yesterdayNote = (yesterday: number) => `昨日 Yesterday ${yesterday.toLocaleString('zh-CN')}`;

export const ActivityWidget = () => (
  <Loaded
    load={useDashboard<Activity>('activity')}
    render={(data) => (
      <>
        <Cells>
          <Stat label="今日打卡 Check-ins" value={data.today.checkIns} note={yesterdayNote(data.yesterday.checkIns)} />
          <Stat label="活跃用户 Active users" value={data.today.activeUsers} note={yesterdayNote(data.yesterday.activeUsers)} />
        </Cells>
        <Footnote>
          {monthDay(data.today.date)}（{zoneName(data.timezone)}，0 点换日）· 活跃用户 = 今天打过卡的人 Users who checked in today
        </Footnote>
      </>
    )}
  />
);

export const PointsWidget = () => (
  <Loaded
    load={useDashboard<Points>('points')}
    render={(data) => (
      <>
        <Cells>
          <Stat label="发放 Issued" value={data.issued} />
          <Stat label="消耗 Spent" value={data.spent} />
          <Stat label="净增 Net" value={data.net} />
        </Cells>
        <Footnote>
          自 {monthDay(data.weekStart)} 周一 0 点（{zoneName(data.timezone)}）起，积分流水 {data.entries.toLocaleString('zh-CN')} 条 · Since Monday, from the points ledger
        </Footnote>
      </>
    )}
  />
);

export const ModerationWidget = () => (
  <Loaded
    load={useDashboard<Moderation>('moderation')}
    render={(data) => (
      <Cells>
        <Stat label="待审帖子 Posts" value={data.posts} to="/plugins/community" tone="warning" />
        <Stat label="待审评论 Comments" value={data.comments} to="/plugins/community" tone="warning" />
        <Stat label="未处理举报 Open reports" value={data.openReports} to="/plugins/community" tone="danger" />
      </Cells>
    )}
  />
);

export const OrdersWidget = () => (
  <Loaded
    load={useDashboard<Orders>('orders')}
    render={(data) => (
      <>
        <Cells>
          <Stat label="待付款 Unpaid" value={data.unpaid} to="/plugins/mall?status=pending_payment" />
          <Stat label="待发货 To ship" value={data.toShip} to="/plugins/mall?status=paid" tone="warning" />
          <Stat label="退款申请 Refunds asked" value={data.refundRequested} to="/plugins/mall?status=refund_requested" tone="danger" />
        </Cells>
        {data.scope === 'ownShops' && <Footnote>只含你的店铺 Your shops only</Footnote>}
      </>
    )}
  />
);

export const LotteryStockWidget = () => (
  <Loaded
    load={useDashboard<LotteryStock>('lottery-stock')}
    render={(data) =>
      data.total === 0 ? (
        <Footnote>所有奖品库存充足（均多于 {data.threshold} 件）All prizes have more than {data.threshold} left.</Footnote>
      ) : (
        <>
          <Flex direction="column" alignItems="stretch" gap={2}>
            {data.prizes.map((prize) => (
              <Plain key={prize.documentId} to={`/content-manager/collection-types/api::prize.prize/${prize.documentId}`}>
                <Flex justifyContent="space-between" gap={2} data-prize={prize.name}>
                  <Typography ellipsis>{prize.name}</Typography>
                  <Badge variant={prize.stock === 0 ? 'danger' : 'warning'}>
                    {prize.stock === 0 ? '已抽完 None left' : `剩 ${prize.stock} left`}
                  </Badge>
                </Flex>
              </Plain>
            ))}
          </Flex>
          <Footnote>
            {data.total} 个奖品库存 ≤ {data.threshold}（不限量的奖品不计）· {data.total} prizes at or below {data.threshold}
          </Footnote>
        </>
      )
    }
  />
);

export const RemindersWidget = () => (
  <Loaded
    load={useDashboard<Reminders>('reminders')}
    render={(data) => (
      <>
        <Cells>
          <Stat label="发送失败 Failed" value={data.failed} tone="danger" />
          <Stat label="用户拒收 Refused" value={data.refused} tone="warning" />
          <Stat label="中断 Interrupted" value={data.interrupted} tone="warning" />
        </Cells>
        <Footnote>最近 24 小时应发 {data.total.toLocaleString('zh-CN')} 条 · Of {data.total} reminders due in the last 24 hours</Footnote>
      </>
    )}
  />
);
