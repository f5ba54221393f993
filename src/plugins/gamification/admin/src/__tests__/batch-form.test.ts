import { codesCsv, EMPTY_FORM, validateBatch } from '../batch-form';

const NOW = new Date('2026-12-05T10:00:00Z'); // 18:00 on 5 December in Beijing

describe('the redeem batch form', () => {
  it('sends a filled form as the server expects it, valid through the whole last day in Beijing time', () => {
    const { errors, request } = validateBatch({ ...EMPTY_FORM, name: ' 双十一活动 ', kind: 'makeupCards', amount: '2', count: '500', maxUses: '1', validFrom: '2026-12-06', validUntil: '2026-12-31' }, NOW);
    expect(errors).toEqual({});
    expect(request).toEqual({
      name: '双十一活动', kind: 'makeupCards', amount: 2, count: 500, maxUses: 1,
      validFrom: '2026-12-06T00:00:00+08:00', validUntil: '2027-01-01T00:00:00+08:00', format: 'json',
    });
  });

  it('leaves the dates out when none are given (valid at once, no expiry)', () => {
    const { request } = validateBatch({ ...EMPTY_FORM, name: 'x' }, NOW);
    expect(request).toEqual({ name: 'x', kind: 'points', amount: 100, count: 100, maxUses: 1, format: 'json' });
  });

  it('says in Chinese what is wrong with each field and sends nothing', () => {
    const { errors, request } = validateBatch({ ...EMPTY_FORM, name: '  ', amount: '1.5', count: '10001', maxUses: '0', validFrom: '2026-12-20', validUntil: '2026-12-10' }, NOW);
    expect(request).toBeNull();
    expect(errors.name).toMatch(/请填写批次名称/);
    expect(errors.amount).toMatch(/1 到 1,000,000 之间的整数/);
    expect(errors.count).toMatch(/1 到 10,000 个兑换码/);
    expect(errors.maxUses).toMatch(/每个码可用 1 到 1,000,000 次/);
    expect(errors.validUntil).toMatch(/失效日期不能早于生效日期/);
  });

  it('refuses a last day that has passed in Beijing, but not today', () => {
    expect(validateBatch({ ...EMPTY_FORM, name: 'x', validUntil: '2026-12-04' }, NOW).errors.validUntil).toMatch(/已经过去/);
    expect(validateBatch({ ...EMPTY_FORM, name: 'x', validUntil: '2026-12-05' }, NOW).errors).toEqual({});
    expect(validateBatch({ ...EMPTY_FORM, name: 'x', validUntil: '2026-02-30' }, NOW).errors.validUntil).toMatch(/年-月-日/);
  });

  it('writes the CSV with the columns of the server’s download', () => {
    const csv = codesCsv(['AAAA-BBBB-CCCC', 'DDDD-EEEE-FFFF'], { kind: 'points', amount: 100, maxUses: 1, validFrom: null, validUntil: '2027-01-01T00:00:00+08:00' });
    expect(csv).toBe('code,kind,amount,max_uses,valid_from,valid_until\nAAAA-BBBB-CCCC,points,100,1,,2026-12-31T16:00:00.000Z\nDDDD-EEEE-FFFF,points,100,1,,2026-12-31T16:00:00.000Z\n');
  });
});
