import { createEventStreamParser, createUtf8Decoder } from '../../logic/event-stream';

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

/** Every way of cutting `bytes` in two, three pieces ... as chunks arrive. */
const cutsOf = (bytes: Uint8Array, size: number): Uint8Array[] => {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.slice(i, i + size));
  return chunks;
};

describe('a streamed answer read chunk by chunk', () => {
  const text = '烟瘾来的时候，先深呼吸 😀 and 喝水.';

  it.each([1, 2, 3, 5, 7])('decodes UTF-8 cut every %i bytes, even inside a character', (size) => {
    const decoder = createUtf8Decoder();
    const out = cutsOf(utf8(text), size).map((chunk) => decoder.push(chunk)).join('') + decoder.end();
    expect(out).toBe(text);
  });

  it('marks a character left unfinished at the end', () => {
    const decoder = createUtf8Decoder();
    expect(decoder.push(utf8('好').slice(0, 2)) + decoder.end()).toBe('\ufffd');
  });

  it.each([1, 4, 9, 64])('hands over the events in order, whole, whatever the chunk size (%i bytes)', (size) => {
    const events = [
      { type: 'start', conversationId: 'c1' },
      ...Array.from('你好，今天也要加油！', (t) => ({ type: 'delta', text: t })),
      { type: 'done', message: { content: '你好，今天也要加油！' } },
    ];
    const wire = `: keep-alive\n\n${events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')}data: [DONE]\n\n`;
    const seen: unknown[] = [];
    const parser = createEventStreamParser((event) => seen.push(event));
    for (const chunk of cutsOf(utf8(wire), size)) parser.push(chunk);
    parser.end();
    expect(seen).toEqual(events);
  });

  it('reads CRLF line ends, multi-line data and a last event without its blank line', () => {
    const seen: unknown[] = [];
    const parser = createEventStreamParser((event) => seen.push(event));
    parser.push(utf8('data: {"a":\r\ndata: 1}\r\n\r\nevent: x\ndata: not json\n\ndata: {"b":2}'));
    expect(seen).toEqual([{ a: 1 }]);
    parser.end();
    expect(seen).toEqual([{ a: 1 }, { b: 2 }]);
  });
});
