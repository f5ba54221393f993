import {
  Alert, Badge, Box, Button, Field, Flex, SingleSelect, SingleSelectOption, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography,
} from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { type ChangeEvent, type FormEvent, type ReactNode, useCallback, useEffect, useState } from 'react';
import { beijingToday, type BatchForm, codesCsv, EMPTY_FORM, type FormErrors, KIND_LABELS, KINDS, type Kind, validateBatch } from '../batch-form';
import { PERMISSIONS } from '../permissions';

type Batch = {
  documentId: string;
  name: string;
  kind: Kind;
  amount: number;
  maxUses: number;
  count: number;
  validFrom: string | null;
  validUntil: string | null;
  createdAt: string;
  uses: number;
};
type BatchPage = { data: Batch[]; meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } } };
type Generated = { batch: { documentId: string; name: string; kind: Kind; amount: number; maxUses: number; count: number; validFrom: string | null; validUntil: string | null }; codes: string[] };

const PAGE_SIZE = 10;

const describeError = (error: unknown): string => {
  const response = (error as { response?: { data?: { error?: { message?: string } } } })?.response;
  return response?.data?.error?.message ?? (error instanceof Error ? error.message : String(error));
};

const beijingTime = (at: string | null) => (at ? new Date(at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—');
/** The last day a code works, in Beijing time (the server stores the next midnight). */
const lastDay = (until: string | null) => (until ? beijingToday(new Date(new Date(until).getTime() - 1)) : null);
const firstDay = (from: string | null) => (from ? beijingToday(new Date(from)) : null);

const validity = (batch: { validFrom: string | null; validUntil: string | null }) => {
  const from = firstDay(batch.validFrom);
  const until = lastDay(batch.validUntil);
  if (!from && !until) return '长期有效 No expiry';
  return `${from ?? '即日'} 至 ${until ?? '长期'}`;
};

const gives = (batch: { kind: Kind; amount: number }) => `${batch.amount.toLocaleString('zh-CN')} ${KIND_LABELS[batch.kind]?.unit ?? batch.kind}`;

/** Hands `text` to the browser as a file download. */
const download = (text: string, filename: string) => {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
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

const TextField = ({ name, label, hint, error, value, type = 'text', placeholder, onChange, required }: {
  name: keyof BatchForm; label: string; hint?: string; error?: string; value: string; type?: string; placeholder?: string; onChange: (value: string) => void; required?: boolean;
}) => (
  <Field.Root name={name} error={error} hint={hint} required={required}>
    <Field.Label>{label}</Field.Label>
    <TextInput name={name} type={type} value={value} placeholder={placeholder} onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value)} />
    <Field.Error />
    <Field.Hint />
  </Field.Root>
);

const RedeemBatches = () => {
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [form, setForm] = useState<BatchForm>(EMPTY_FORM);
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const [generated, setGenerated] = useState<Generated | null>(null);
  const [downloaded, setDownloaded] = useState(false);
  const [batches, setBatches] = useState<BatchPage | null>(null);
  const [page, setPage] = useState(1);
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const { data } = await get<BatchPage>('/gamification/redeem-batches', { params: { page, pageSize: PAGE_SIZE } });
      setBatches(data);
      setLoadError(null);
    } catch (failure) {
      setLoadError(describeError(failure));
    }
  }, [get, page]);

  useEffect(() => {
    void load();
  }, [load]);

  const set = (field: keyof BatchForm) => (value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const generate = async () => {
    const { errors: problems, request } = validateBatch(form, new Date());
    setErrors(problems);
    if (!request) {
      toggleNotification({ type: 'warning', message: '请先改正标红的内容 · Correct the fields marked in red' });
      return;
    }
    setBusy(true);
    try {
      const { data } = await post<{ data: Generated }>('/gamification/redeem-batches', request);
      setGenerated(data.data);
      setDownloaded(false);
      void load();
    } catch (failure) {
      toggleNotification({ type: 'danger', message: `生成失败 Could not generate: ${describeError(failure)}` });
    } finally {
      setBusy(false);
    }
  };

  const downloadCodes = () => {
    if (!generated) return;
    download(codesCsv(generated.codes, generated.batch), `redeem-codes-${generated.batch.documentId}.csv`);
    setDownloaded(true);
  };

  const startOver = () => {
    if (generated && !downloaded && !window.confirm('兑换码还没有下载，离开后再也看不到了。确定吗？ The codes were not downloaded and cannot be shown again. Continue?')) return;
    setGenerated(null);
    setForm(EMPTY_FORM);
  };

  const kindLabel = KIND_LABELS[form.kind];
  const pagination = batches?.meta.pagination;

  return (
    <Page.Main>
      <Page.Title>兑换码 Redeem codes</Page.Title>
      <Layouts.Header title="兑换码 Redeem codes" subtitle="生成一批兑换码，下载 CSV 发给用户 · Generate a batch of codes and download them as CSV" />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Alert variant="default" closeLabel="Close" title="兑换码只能下载这一次 The codes are shown once">
            服务器只保存兑换码的指纹，不保存兑换码本身：生成后请立即下载 CSV，离开或刷新本页后就再也无法查看。 The server keeps only a fingerprint of each code: download the CSV right after generating; once you leave or reload this page nobody can show the codes again.
          </Alert>

          {generated ? (
            <Section title="已生成 Batch generated">
              <Flex direction="column" alignItems="flex-start" gap={3} data-generated={generated.batch.documentId}>
                <Typography>
                  「{generated.batch.name}」：{generated.codes.length.toLocaleString('zh-CN')} 个兑换码，每个给 {gives(generated.batch)}，每个码可用 {generated.batch.maxUses} 次，{validity(generated.batch)}。
                </Typography>
                <Flex gap={2}>
                  <Button size="L" onClick={downloadCodes}>
                    下载兑换码 CSV Download the codes
                  </Button>
                  <Button size="L" variant="tertiary" onClick={startOver}>
                    再生成一批 Generate another batch
                  </Button>
                </Flex>
                {downloaded ? (
                  <Badge variant="success">
                    已下载 Downloaded · 请妥善保存文件 Keep the file safe
                  </Badge>
                ) : (
                  <Typography textColor="danger600" fontWeight="bold">
                    还没有下载：离开本页前请先下载 · Not downloaded yet: download before you leave this page
                  </Typography>
                )}
              </Flex>
            </Section>
          ) : (
            <Section title="生成一批兑换码 New batch">
              <form
                noValidate
                onSubmit={(event: FormEvent) => {
                  event.preventDefault();
                  void generate();
                }}
              >
                <Flex direction="column" alignItems="stretch" gap={4}>
                  <TextField name="name" label="批次名称 Name" required placeholder="例如：双十一活动 e.g. Singles' Day" hint="只给你自己看，方便以后查找 For your own records" error={errors.name} value={form.name} onChange={set('name')} />
                  <Flex gap={4} alignItems="flex-start" wrap="wrap">
                    <Box minWidth="260px" flex="1">
                      <Field.Root name="kind" error={errors.kind} required>
                        <Field.Label>兑换内容 What a code gives</Field.Label>
                        <SingleSelect value={form.kind} onChange={(value: string | number) => set('kind')(String(value))}>
                          {KINDS.map((kind) => (
                            <SingleSelectOption key={kind} value={kind}>
                              {KIND_LABELS[kind].label}
                            </SingleSelectOption>
                          ))}
                        </SingleSelect>
                        <Field.Error />
                      </Field.Root>
                    </Box>
                    <Box minWidth="260px" flex="1">
                      <TextField name="amount" label={kindLabel.amountLabel} required type="number" error={errors.amount} value={form.amount} onChange={set('amount')} />
                    </Box>
                  </Flex>
                  <Flex gap={4} alignItems="flex-start" wrap="wrap">
                    <Box minWidth="260px" flex="1">
                      <TextField name="count" label="生成多少个码 Number of codes" required type="number" hint="一次最多 10,000 个 At most 10,000" error={errors.count} value={form.count} onChange={set('count')} />
                    </Box>
                    <Box minWidth="260px" flex="1">
                      <TextField name="maxUses" label="每个码可用几次 Uses per code" required type="number" hint="每个用户只能用同一个码一次；发给一个人就填 1 Each user can use a code once; 1 for a personal code" error={errors.maxUses} value={form.maxUses} onChange={set('maxUses')} />
                    </Box>
                  </Flex>
                  <Flex gap={4} alignItems="flex-start" wrap="wrap">
                    <Box minWidth="260px" flex="1">
                      <TextField name="validFrom" label="生效日期 First day (optional)" type="date" hint="不填则立即生效（北京时间） Empty: valid at once" error={errors.validFrom} value={form.validFrom} onChange={set('validFrom')} />
                    </Box>
                    <Box minWidth="260px" flex="1">
                      <TextField name="validUntil" label="失效日期 Last day (optional)" type="date" hint="当天 24 点后失效（北京时间）；不填则长期有效 Valid through that day; empty: no expiry" error={errors.validUntil} value={form.validUntil} onChange={set('validUntil')} />
                    </Box>
                  </Flex>
                  <Flex>
                    <Button type="submit" size="L" loading={busy}>
                      生成兑换码 Generate
                    </Button>
                  </Flex>
                </Flex>
              </form>
            </Section>
          )}

          <Section title="已生成的批次 Earlier batches">
            {loadError && (
              <Alert variant="danger" closeLabel="Close" title="无法加载 Could not load" onClose={() => setLoadError(null)}>
                {loadError}
              </Alert>
            )}
            {batches && batches.data.length === 0 && <Typography textColor="neutral600">还没有生成过兑换码 No batches yet.</Typography>}
            {batches && batches.data.length > 0 && (
              <>
                <Table colCount={6} rowCount={batches.data.length + 1}>
                  <Thead>
                    <Tr>
                      <Th><Typography variant="sigma">名称 Name</Typography></Th>
                      <Th><Typography variant="sigma">每码内容 Each code gives</Typography></Th>
                      <Th><Typography variant="sigma">码数 Codes</Typography></Th>
                      <Th><Typography variant="sigma">已兑换 Redeemed</Typography></Th>
                      <Th><Typography variant="sigma">有效期 Valid</Typography></Th>
                      <Th><Typography variant="sigma">生成时间 Generated</Typography></Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {batches.data.map((batch) => (
                      <Tr key={batch.documentId}>
                        <Td><Typography fontWeight="bold">{batch.name}</Typography></Td>
                        <Td><Typography>{gives(batch)}</Typography></Td>
                        <Td><Typography>{batch.count.toLocaleString('zh-CN')} × {batch.maxUses} 次</Typography></Td>
                        <Td><Typography>{batch.uses.toLocaleString('zh-CN')} / {(batch.count * batch.maxUses).toLocaleString('zh-CN')}</Typography></Td>
                        <Td><Typography>{validity(batch)}</Typography></Td>
                        <Td><Typography textColor="neutral600">{beijingTime(batch.createdAt)}</Typography></Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
                {pagination && pagination.pageCount > 1 && (
                  <Flex gap={2} justifyContent="flex-end">
                    <Button variant="tertiary" size="S" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                      上一页 Previous
                    </Button>
                    <Typography variant="pi">
                      {page} / {pagination.pageCount}
                    </Typography>
                    <Button variant="tertiary" size="S" disabled={page >= pagination.pageCount} onClick={() => setPage(page + 1)}>
                      下一页 Next
                    </Button>
                  </Flex>
                )}
              </>
            )}
            <Typography variant="pi" textColor="neutral600">
              列表不含兑换码本身 · The list never shows the codes themselves. 时间为北京时间 Times in Beijing time.
            </Typography>
          </Section>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

const RedeemBatchesPage = () => (
  <Page.Protect permissions={PERMISSIONS.redeemBatches}>
    <RedeemBatches />
  </Page.Protect>
);

export default RedeemBatchesPage;
