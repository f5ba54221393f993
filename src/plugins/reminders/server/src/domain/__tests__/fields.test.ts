import { fill, kindOfKey, mappingProblems, renderData, truncate } from '../fields';

describe('subscribe-message data', () => {
  it('knows a key’s kind from its name', () => {
    expect(kindOfKey('thing1')).toBe('thing');
    expect(kindOfKey('character_string12')).toBe('character_string');
    expect(kindOfKey('phone_number3')).toBe('phone_number');
    expect(kindOfKey('thing')).toBeNull();
    expect(kindOfKey('colour1')).toBeNull();
  });

  it('cuts a value to its kind’s limit in characters (an emoji is one), the last one an ellipsis', () => {
    const title = '每天早上六点起床跑步五公里然后冥想二十分钟再吃早餐'; // 25 characters
    const { data, truncated } = renderData({ thing1: '{habit}', time2: '{date} {time}', phrase3: '{word}' }, { habit: title, date: '2026-12-05', time: '21:00', word: '加油加油加油' });
    expect(Array.from(data.thing1!.value)).toHaveLength(20);
    expect(data.thing1!.value.endsWith('…')).toBe(true);
    expect(data.time2!.value).toBe('2026-12-05 21:00');
    expect(data.phrase3!.value).toBe('加油加油…');
    expect(truncated).toEqual(['thing1', 'phrase3']);
    expect(truncate('🏃🏃🏃', 3)).toBe('🏃🏃🏃');
    expect(truncate('🏃🏃🏃🏃', 3)).toBe('🏃🏃…');
  });

  it('drops a key whose value is empty (WeChat refuses empty values)', () => {
    expect(renderData({ thing1: '{habit}', thing2: '{missing}' }, { habit: '跑步' }).data).toEqual({ thing1: { value: '跑步' } });
    expect(fill('{a}-{b}', { a: 1 })).toBe('1-');
  });

  it('says what is wrong with an editor’s mapping', () => {
    expect(mappingProblems({ thing1: '{habit}' })).toEqual([]);
    expect(mappingProblems([])).toHaveLength(1);
    expect(mappingProblems({})).toEqual(['fields needs at least one key']);
    expect(mappingProblems({ title: '{habit}', thing2: '' })).toEqual([
      'title is not a WeChat data key (thing1, time2, number3, ...)',
      'thing2 needs a text, e.g. "{habit}"',
    ]);
  });
});
