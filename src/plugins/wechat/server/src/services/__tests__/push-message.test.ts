import { createHash } from 'node:crypto';
import { mediaCheckEventSchema, parsePushXml, pushSignature, signatureIsValid } from '../push-message';

describe('the message-push signature', () => {
  it('is the sha1 of token, timestamp and nonce sorted as strings and joined (WeChat’s rule)', () => {
    const expected = createHash('sha1').update(['1409659813', '1372623149', 'AAAAA'].sort().join('')).digest('hex');
    expect(pushSignature('AAAAA', '1409659813', '1372623149')).toBe(expected);
  });

  it('accepts only the right token, with every part present', () => {
    const query = { signature: pushSignature('token1', '1733300000', '42'), timestamp: '1733300000', nonce: '42' };
    expect(signatureIsValid('token1', query)).toBe(true);
    expect(signatureIsValid('token2', query)).toBe(false);
    expect(signatureIsValid('token1', { ...query, nonce: '43' })).toBe(false);
    expect(signatureIsValid('token1', { ...query, signature: query.signature.toUpperCase() })).toBe(true);
    expect(signatureIsValid('token1', { timestamp: '1', nonce: '2' })).toBe(false);
    expect(signatureIsValid('', query)).toBe(false);
    expect(signatureIsValid('token1', { ...query, signature: ['a', 'b'] })).toBe(false);
  });
});

describe('the XML of plain-text mode', () => {
  it('reads the media check event, CDATA and numbers, with its nested result', () => {
    const xml =
      '<xml><ToUserName><![CDATA[gh_38cc49f9733b]]></ToUserName><CreateTime>1626959646</CreateTime><Event><![CDATA[wxa_media_check]]></Event>' +
      '<appid><![CDATA[wx8f16a5e42ac0]]></appid><trace_id><![CDATA[60f96f1d-3845297a-1976a3ae]]></trace_id><version>2</version>' +
      '<detail><strategy><![CDATA[content_model]]></strategy><errcode>0</errcode><suggest><![CDATA[pass]]></suggest><label>100</label><prob>90</prob></detail>' +
      '<errcode>0</errcode><errmsg><![CDATA[ok]]></errmsg><result><suggest><![CDATA[pass]]></suggest><label>100</label></result></xml>';
    const parsed = parsePushXml(xml);
    expect(parsed).toMatchObject({ Event: 'wxa_media_check', trace_id: '60f96f1d-3845297a-1976a3ae', version: 2, result: { suggest: 'pass', label: 100 } });
    expect(mediaCheckEventSchema.parse(parsed)).toMatchObject({ trace_id: '60f96f1d-3845297a-1976a3ae', result: { suggest: 'pass', label: 100 } });
  });

  it('refuses what is not an <xml> document', () => {
    expect(parsePushXml('<html><body/></html>')).toBeNull();
    expect(parsePushXml('plain')).toBeNull();
    expect(parsePushXml('<xml></xml>')).toBeNull();
  });
});
