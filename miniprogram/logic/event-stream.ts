/**
 * Reading a streamed answer (`text/event-stream`) as `wx.request({ enableChunked: true })` hands it over: raw
 * byte chunks cut anywhere, even inside a UTF-8 character or an event. The mini-program's JS engine has no
 * TextDecoder on every base library, so the UTF-8 decoding is done here, keeping an incomplete character's
 * bytes for the next chunk.
 */

/** A streaming UTF-8 decoder: `push` returns the text of every complete character so far. */
export const createUtf8Decoder = () => {
  let pending: number[] = [];
  const lengthOf = (lead: number) => (lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1);
  return {
    push(chunk: Uint8Array): string {
      const bytes = pending.length > 0 ? [...pending, ...Array.from(chunk)] : Array.from(chunk);
      pending = [];
      let text = '';
      let i = 0;
      while (i < bytes.length) {
        const lead = bytes[i];
        const length = lengthOf(lead);
        if (i + length > bytes.length) {
          pending = bytes.slice(i);
          break;
        }
        let code: number;
        if (length === 1) code = lead < 0x80 ? lead : 0xfffd; // a stray continuation byte
        else if (length === 2) code = ((lead & 0x1f) << 6) | (bytes[i + 1] & 0x3f);
        else if (length === 3) code = ((lead & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
        else code = ((lead & 0x07) << 18) | ((bytes[i + 1] & 0x3f) << 12) | ((bytes[i + 2] & 0x3f) << 6) | (bytes[i + 3] & 0x3f);
        text += String.fromCodePoint(code);
        i += length;
      }
      return text;
    },
    /** What is left at the end: an incomplete character becomes U+FFFD. */
    end(): string {
      const left = pending.length > 0 ? '\ufffd' : '';
      pending = [];
      return left;
    },
  };
};

/**
 * Server-sent events from byte chunks: each `data:` line of an event (events end with a blank line) is joined
 * and handed over parsed as JSON. Comments (`: keep-alive`) and non-JSON data are skipped.
 */
export const createEventStreamParser = <E = unknown>(onEvent: (event: E) => void) => {
  const decoder = createUtf8Decoder();
  let buffer = '';
  const flushEvents = (final: boolean) => {
    buffer = buffer.replace(/\r\n?/g, '\n');
    let cut = buffer.indexOf('\n\n');
    while (cut >= 0 || (final && buffer.trim() !== '')) {
      const block = cut >= 0 ? buffer.slice(0, cut) : buffer;
      buffer = cut >= 0 ? buffer.slice(cut + 2) : '';
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      if (data !== '' && data !== '[DONE]') {
        try {
          onEvent(JSON.parse(data) as E);
        } catch {
          // not an event of ours
        }
      }
      cut = buffer.indexOf('\n\n');
    }
  };
  return {
    push(chunk: Uint8Array) {
      buffer += decoder.push(chunk);
      flushEvents(false);
    },
    end() {
      buffer += decoder.end();
      flushEvents(true);
    },
  };
};
