import { Badge, Box, Button, EmptyStateLayout, Field, Flex, SingleSelect, SingleSelectOption, Table, Tabs, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise, Download } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { STATUSES, STATUS_LABELS, describeError, priceOf, when, type OrderList, type OrderStatus } from '../orders';

type Filters = { status: OrderStatus | ''; q: string; merchant: string; from: string; to: string; page: number };
type Shop = { id: number; name: string };

const PAGE_SIZE = 20;

/** The filters live in the address (?status=paid&q=...&page=2), so a link or the back button keeps them. */
const filtersOf = (params: URLSearchParams): Filters => ({
  status: (STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as OrderStatus) : '',
  q: params.get('q') ?? '',
  merchant: params.get('merchant') ?? '',
  from: params.get('from') ?? '',
  to: params.get('to') ?? '',
  page: Math.max(1, Number(params.get('page')) || 1),
});

/** The query the server takes: only what is set. */
const queryOf = (filters: Filters, withPage: boolean): Record<string, string> => {
  const query: Record<string, string> = {};
  if (filters.status) query.status = filters.status;
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.merchant) query.merchant = filters.merchant;
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  if (withPage) {
    query.page = String(filters.page);
    query.pageSize = String(PAGE_SIZE);
  }
  return query;
};

const statusVariant = (status: OrderStatus) =>
  status === 'paid' || status === 'refund_requested' ? 'warning' : status === 'cancelled' || status === 'refunded' ? 'neutral' : status === 'completed' ? 'success' : 'primary';

export const StatusBadge = ({ status, label }: { status: OrderStatus; label: string }) => {
  const variant = statusVariant(status);
  const colours = { warning: ['warning100', 'warning700'], neutral: ['neutral150', 'neutral700'], success: ['success100', 'success700'], primary: ['primary100', 'primary700'] } as const;
  return (
    <Badge backgroundColor={colours[variant][0]} textColor={colours[variant][1]}>
      {label}
    </Badge>
  );
};

export const OrderListPage = () => {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const [search, setSearch] = useState(filters.q);
  const [list, setList] = useState<OrderList | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The shops an operator may filter by; a shop's own admin has no such list (and needs none). */
  const [shops, setShops] = useState<Shop[] | null>(null);
  const [exporting, setExporting] = useState(false);
  const query = JSON.stringify(queryOf(filters, true));

  const load = useCallback(async () => {
    try {
      const { data } = await get<OrderList>('/mall/admin/orders', { params: JSON.parse(query) as Record<string, string> });
      setList(data);
      setError(null);
    } catch (failure) {
      setError(describeError(failure));
    }
  }, [get, query]);
  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    get<{ results: Shop[] }>('/content-manager/collection-types/plugin::mall.merchant', { params: { page: 1, pageSize: 100, sort: 'name:ASC' } })
      .then(({ data }) => setShops(data.results.map((shop) => ({ id: shop.id, name: shop.name }))))
      .catch(() => setShops(null));
  }, [get]);

  const update = (change: Partial<Filters>) => {
    const next = { ...filters, page: 1, ...change };
    setParams(new URLSearchParams(queryOf(next, false)).toString() + (next.page > 1 ? `&page=${next.page}` : ''));
  };

  const exportCsv = async () => {
    setExporting(true);
    try {
      const { data } = await get<Blob>('/mall/admin/orders.csv', { params: queryOf(filters, false), responseType: 'blob' });
      const url = URL.createObjectURL(data);
      const link = document.createElement('a');
      link.href = url;
      // The operator's own calendar day (their browser's time zone), not the UTC date.
      link.download = `orders-${new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())}.csv`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
    } catch (failure) {
      toggleNotification({ type: 'danger', message: `导出失败 Export failed: ${describeError(failure)}` });
    } finally {
      setExporting(false);
    }
  };

  const counts = list?.meta.counts;
  const total = counts ? STATUSES.reduce((sum, status) => sum + counts[status], 0) : null;
  const pagination = list?.meta.pagination;

  let content;
  if (error && !list) content = <EmptyStateLayout content={`无法加载订单 Could not load the orders: ${error}`} />;
  else if (!list) content = <Page.Loading />;
  else if (list.data.length === 0) content = <EmptyStateLayout content="没有符合条件的订单 No order matches" />;
  else
    content = (
      <Table colCount={7} rowCount={list.data.length + 1}>
        <Thead>
          <Tr>
            <Th><Typography variant="sigma">订单号 Order</Typography></Th>
            <Th><Typography variant="sigma">商品 Items</Typography></Th>
            <Th><Typography variant="sigma">金额 Total</Typography></Th>
            <Th><Typography variant="sigma">状态 Status</Typography></Th>
            <Th><Typography variant="sigma">买家 Buyer</Typography></Th>
            <Th><Typography variant="sigma">店铺 Shop</Typography></Th>
            <Th><Typography variant="sigma">下单时间 Placed</Typography></Th>
          </Tr>
        </Thead>
        <Tbody>
          {list.data.map((order) => (
            <Tr key={order.orderNo}>
              <Td>
                <Link to={order.orderNo} style={{ textDecoration: 'none' }}>
                  <Typography textColor="primary600" fontWeight="semiBold">{order.orderNo}</Typography>
                </Link>
              </Td>
              <Td style={{ whiteSpace: 'normal', maxWidth: '20rem' }}>
                <Typography>{order.title}</Typography>
                <Typography textColor="neutral600"> ×{order.itemCount}{order.pickup ? ` · 自提 ${order.pickup}` : ''}</Typography>
              </Td>
              <Td><Typography>{priceOf(order.totalFen, order.totalPoints)}</Typography></Td>
              <Td><StatusBadge status={order.status} label={order.statusLabel} /></Td>
              <Td><Typography>{order.buyer ?? '（未设昵称）'}</Typography></Td>
              <Td><Typography>{order.merchant ?? '—'}</Typography></Td>
              <Td><Typography>{when(order.createdAt)}</Typography></Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    );

  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    update({ q: search });
  };

  return (
    <Page.Main>
      <Page.Title>订单 Orders</Page.Title>
      <Layouts.Header
        title="订单 Orders"
        subtitle={`发货、取消、退款与导出 Ship, cancel, refunds, export${pagination ? ` · 共 ${pagination.total} 单` : ''}`}
        primaryAction={
          <Flex gap={2}>
            <Button startIcon={<ArrowClockwise />} variant="secondary" onClick={() => void load()}>
              刷新 Refresh
            </Button>
            <Button startIcon={<Download />} loading={exporting} onClick={() => void exportCsv()}>
              导出 CSV Export
            </Button>
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Tabs.Root value={filters.status || 'all'} onValueChange={(value) => update({ status: value === 'all' ? '' : (value as OrderStatus) })}>
            <Tabs.List aria-label="订单状态 Order status">
              <Tabs.Trigger value="all">全部{total !== null ? ` (${total})` : ''}</Tabs.Trigger>
              {STATUSES.map((status) => (
                <Tabs.Trigger key={status} value={status}>
                  {STATUS_LABELS[status]}
                  {counts ? ` (${counts[status]})` : ''}
                </Tabs.Trigger>
              ))}
            </Tabs.List>
          </Tabs.Root>
          <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius>
            <form onSubmit={submitSearch}>
              <Flex gap={4} alignItems="flex-end" wrap="wrap">
                <Field.Root name="q" style={{ minWidth: '18rem' }}>
                  <Field.Label>订单号 / 商品 Order no. or title</Field.Label>
                  <TextInput name="q" placeholder="回车搜索 Enter" value={search} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setSearch(event.target.value)} />
                </Field.Root>
                <Field.Root name="from">
                  <Field.Label>下单自 From</Field.Label>
                  <TextInput name="from" type="date" value={filters.from} onChange={(event: React.ChangeEvent<HTMLInputElement>) => update({ from: event.target.value })} />
                </Field.Root>
                <Field.Root name="to">
                  <Field.Label>至 To</Field.Label>
                  <TextInput name="to" type="date" value={filters.to} onChange={(event: React.ChangeEvent<HTMLInputElement>) => update({ to: event.target.value })} />
                </Field.Root>
                {shops && (
                  <Field.Root name="merchant" style={{ minWidth: '14rem' }}>
                    <Field.Label>店铺 Shop</Field.Label>
                    <SingleSelect placeholder="全部店铺 All shops" value={filters.merchant} onChange={(value: string | number) => update({ merchant: String(value) })} onClear={() => update({ merchant: '' })}>
                      {shops.map((shop) => (
                        <SingleSelectOption key={shop.id} value={String(shop.id)}>
                          {shop.name}
                        </SingleSelectOption>
                      ))}
                    </SingleSelect>
                  </Field.Root>
                )}
                <Button type="submit" variant="secondary">
                  搜索 Search
                </Button>
                <Button
                  variant="tertiary"
                  onClick={() => {
                    setSearch('');
                    setParams('');
                  }}
                >
                  清除 Clear
                </Button>
              </Flex>
            </form>
          </Box>
          {content}
          {pagination && pagination.pageCount > 1 && (
            <Flex gap={2} justifyContent="flex-end" alignItems="center">
              <Button variant="tertiary" disabled={pagination.page <= 1} onClick={() => update({ page: pagination.page - 1 })}>
                上一页 Previous
              </Button>
              <Typography>
                第 {pagination.page} / {pagination.pageCount} 页
              </Typography>
              <Button variant="tertiary" disabled={pagination.page >= pagination.pageCount} onClick={() => update({ page: pagination.page + 1 })}>
                下一页 Next
              </Button>
            </Flex>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
