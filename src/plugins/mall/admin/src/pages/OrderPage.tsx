import { Alert, Box, Button, EmptyStateLayout, Field, Flex, Grid, Table, Tbody, Td, TextInput, Textarea, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { BackButton, Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { ACTOR_LABELS, STATUS_LABELS, describeError, priceOf, when, yuan, type OrderDetail, type OrderStatus } from '../orders';
import { StatusBadge } from './OrderListPage';

/** Which form is open under the actions: each asks for what its route needs. */
type Form = { kind: 'ship'; carrier: string; trackingNumber: string } | { kind: 'cancel'; reason: string } | { kind: 'reject'; note: string } | null;

const Section = ({ title, children }: { title: string; children: ReactNode }) => (
  <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Typography variant="delta" tag="h2">
        {title}
      </Typography>
      {children}
    </Flex>
  </Box>
);

const Line = ({ label, children }: { label: string; children: ReactNode }) => (
  <Flex gap={2} alignItems="flex-start">
    <Box minWidth="6rem">
      <Typography textColor="neutral600">{label}</Typography>
    </Box>
    <Typography>{children}</Typography>
  </Flex>
);

const statusName = (status: string | null) => (status ? (STATUS_LABELS[status as OrderStatus] ?? status) : '下单');

export const OrderPage = () => {
  const { orderNo = '' } = useParams<{ orderNo: string }>();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [order, setOrder] = useState<OrderDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The last refused action's message, shown above the buttons until the next try. */
  const [refusal, setRefusal] = useState<string | null>(null);
  const [form, setForm] = useState<Form>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const { data } = await get<{ data: OrderDetail }>(`/mall/admin/orders/${encodeURIComponent(orderNo)}`);
      setOrder(data.data);
      setError(null);
    } catch (failure) {
      setError(describeError(failure));
    }
  }, [get, orderNo]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (path: string, body: Record<string, unknown>, done: string) => {
    setBusy(true);
    setRefusal(null);
    try {
      const { data } = await post<{ data: OrderDetail }>(`/mall/admin/orders/${encodeURIComponent(orderNo)}/${path}`, body);
      setOrder(data.data);
      setForm(null);
      toggleNotification({ type: 'success', message: done });
    } catch (failure) {
      const message = describeError(failure);
      setRefusal(message);
      toggleNotification({ type: 'danger', message });
      await load();
    } finally {
      setBusy(false);
    }
  };

  if (error && !order)
    return (
      <Page.Main>
        <Layouts.Header navigationAction={<BackButton />} title={orderNo} />
        <Layouts.Content>
          <EmptyStateLayout content={`无法加载订单 Could not load the order: ${error}`} />
        </Layouts.Content>
      </Page.Main>
    );
  if (!order) return <Page.Loading />;

  const actions = order.adminActions;
  const refund = order.refund;

  return (
    <Page.Main>
      <Page.Title>{`订单 ${order.orderNo}`}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback="/plugins/mall" />}
        title={`订单 ${order.orderNo}`}
        subtitle={`${order.statusLabel} · ${priceOf(order.totalFen, order.totalPoints)} · ${order.payMethod === 'points' ? '积分支付' : '微信支付'} · 下单 ${when(order.createdAt)}`}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Section title="处理 Actions">
            {refusal && (
              <Alert variant="danger" title="操作被拒绝 Refused" onClose={() => setRefusal(null)} closeLabel="Close">
                {refusal}
              </Alert>
            )}
            <Flex gap={2} alignItems="center" wrap="wrap">
              <StatusBadge status={order.status} label={order.statusLabel} />
              {actions.length === 0 && <Typography textColor="neutral600">此状态无需处理 Nothing to do in this status</Typography>}
              {actions.includes('ship') && (
                <Button disabled={busy} onClick={() => setForm({ kind: 'ship', carrier: '', trackingNumber: '' })}>
                  发货 Ship
                </Button>
              )}
              {actions.includes('approveRefund') && (
                <Button disabled={busy} variant="success" onClick={() => void act('refund-decision', { decision: 'approve' }, '已同意退款 Refund approved')}>
                  同意退款 Approve refund
                </Button>
              )}
              {actions.includes('rejectRefund') && (
                <Button disabled={busy} variant="danger-light" onClick={() => setForm({ kind: 'reject', note: '' })}>
                  拒绝退款 Reject refund
                </Button>
              )}
              {actions.includes('cancel') && (
                <Button disabled={busy} variant="danger-light" onClick={() => setForm({ kind: 'cancel', reason: '' })}>
                  取消订单 Cancel order
                </Button>
              )}
            </Flex>
            {form?.kind === 'ship' && (
              <Flex gap={2} alignItems="flex-end" wrap="wrap">
                <Field.Root name="carrier" required>
                  <Field.Label>快递公司 Carrier</Field.Label>
                  <TextInput name="carrier" placeholder="顺丰" value={form.carrier} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, carrier: event.target.value })} />
                </Field.Root>
                <Field.Root name="trackingNumber" required>
                  <Field.Label>运单号 Tracking number</Field.Label>
                  <TextInput name="trackingNumber" placeholder="SF1234567890" value={form.trackingNumber} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, trackingNumber: event.target.value })} />
                </Field.Root>
                <Button
                  disabled={busy || !form.carrier.trim() || !form.trackingNumber.trim()}
                  onClick={() => void act('ship', { carrier: form.carrier.trim(), trackingNumber: form.trackingNumber.trim() }, '已发货 Shipped')}
                >
                  确认发货 Confirm shipping
                </Button>
                <Button variant="tertiary" onClick={() => setForm(null)}>
                  取消 Close
                </Button>
              </Flex>
            )}
            {(form?.kind === 'cancel' || form?.kind === 'reject') && (
              <Flex gap={2} alignItems="flex-end">
                <Box flex="1">
                  <Field.Root name="note" required>
                    <Field.Label>{form.kind === 'cancel' ? '取消原因 Reason (the buyer sees it)' : '拒绝理由 Why the refund is rejected (the buyer sees it)'}</Field.Label>
                    <Textarea
                      name="note"
                      value={form.kind === 'cancel' ? form.reason : form.note}
                      onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) =>
                        setForm(form.kind === 'cancel' ? { kind: 'cancel', reason: event.target.value } : { kind: 'reject', note: event.target.value })
                      }
                    />
                  </Field.Root>
                </Box>
                <Button
                  variant="danger"
                  disabled={busy || !(form.kind === 'cancel' ? form.reason : form.note).trim()}
                  onClick={() =>
                    void (form.kind === 'cancel'
                      ? act('cancel', { reason: form.reason.trim() }, '已取消订单 Order cancelled')
                      : act('refund-decision', { decision: 'reject', note: form.note.trim() }, '已拒绝退款 Refund rejected'))
                  }
                >
                  {form.kind === 'cancel' ? '确认取消 Confirm' : '确认拒绝 Confirm'}
                </Button>
                <Button variant="tertiary" onClick={() => setForm(null)}>
                  关闭 Close
                </Button>
              </Flex>
            )}
          </Section>

          <Grid.Root gap={4}>
            <Grid.Item col={7} s={12} direction="column" alignItems="stretch">
              <Section title="商品 Items">
                <Table colCount={4} rowCount={order.items.length + 1}>
                  <Thead>
                    <Tr>
                      <Th><Typography variant="sigma">商品 Product</Typography></Th>
                      <Th><Typography variant="sigma">单价 Unit price</Typography></Th>
                      <Th><Typography variant="sigma">数量 Qty</Typography></Th>
                      <Th><Typography variant="sigma">小计 Subtotal</Typography></Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {order.items.map((item, index) => (
                      <Tr key={`${item.sku ?? 'gone'}-${index}`}>
                        <Td style={{ whiteSpace: 'normal' }}>
                          <Flex gap={2}>
                            {item.image && <img src={item.image} alt="" width={40} height={40} style={{ objectFit: 'cover', borderRadius: 4 }} />}
                            <Typography>
                              {item.name}
                              {item.spec ? ` · ${item.spec}` : ''}
                            </Typography>
                          </Flex>
                        </Td>
                        <Td><Typography>{priceOf(item.unitPrice, item.unitPoints)}</Typography></Td>
                        <Td><Typography>{item.quantity}</Typography></Td>
                        <Td><Typography>{priceOf(item.unitPrice * item.quantity, item.unitPoints * item.quantity)}</Typography></Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
                <Typography fontWeight="bold">合计 Total: {priceOf(order.totalFen, order.totalPoints)}（下单时价格 prices when ordered）</Typography>
              </Section>
            </Grid.Item>
            <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
              <Section title="买家与收货 Buyer and delivery">
                <Line label="买家 Buyer">{order.buyer ? `${order.buyer.nickname ?? '（未设昵称）'} #${order.buyer.id}${order.buyer.phone ? ` · ${order.buyer.phone}` : ''}` : '—'}</Line>
                <Line label="店铺 Shop">{order.merchant?.name ?? '—'}</Line>
                {order.address && (
                  <Line label="收货地址 Address">{`${order.address.name} ${order.address.phone} · ${order.address.region} ${order.address.detail}`}</Line>
                )}
                {order.pickup && <Line label="自提点 Pickup">{order.pickup}</Line>}
                {order.note && <Line label="备注 Note">{order.note}</Line>}
                {order.carrier && <Line label="物流 Shipping">{`${order.carrier} ${order.trackingNumber ?? ''}`}</Line>}
                <Line label="支付 Paid">{when(order.paidAt)}</Line>
              </Section>
              {refund && (
                <Box paddingTop={4}>
                  <Section title="退款 Refund">
                    <Line label="申请原因 Reason">{refund.reason ?? '—'}</Line>
                    <Line label="金额 Amount">{refund.method === 'points' ? `${refund.amountPoints} 积分（退回积分账户）` : `${yuan(refund.amountFen)}（原路退回微信）`}</Line>
                    <Line label="申请时间 Asked">{when(refund.createdAt)}</Line>
                    {refund.decisionNote && <Line label="处理意见 Note">{refund.decisionNote}</Line>}
                  </Section>
                </Box>
              )}
            </Grid.Item>
          </Grid.Root>

          <Section title="订单轨迹 Trail">
            <Box tag="ol" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {order.trail.map((entry, index) => (
                <Box tag="li" key={`${entry.at}-${index}`} paddingLeft={5} paddingBottom={4} position="relative" style={{ borderLeft: '2px solid #dcdce4', marginLeft: 6 }}>
                  <Box
                    position="absolute"
                    background={index === order.trail.length - 1 ? 'primary600' : 'neutral300'}
                    style={{ width: 12, height: 12, borderRadius: '50%', left: -7, top: 4 }}
                  />
                  <Flex direction="column" alignItems="flex-start" gap={1}>
                    <Typography fontWeight="bold">
                      {statusName(entry.from)} → {statusName(entry.to)}
                    </Typography>
                    <Typography textColor="neutral600">
                      {when(entry.at)} · {ACTOR_LABELS[entry.by] ?? entry.by}
                      {entry.actorName ? ` ${entry.actorName}` : ''}
                    </Typography>
                    {entry.reason && <Typography>{entry.reason}</Typography>}
                  </Flex>
                </Box>
              ))}
            </Box>
          </Section>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

