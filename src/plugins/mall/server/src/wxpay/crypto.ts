import crypto, { type KeyObject } from 'node:crypto';

/**
 * WeChat Pay API v3's cryptography on node:crypto: the merchant's request signature (the Authorization
 * header), the checks of WeChat Pay's signatures (answers and notifications: SHA256-RSA over
 * `timestamp\nnonce\nbody\n`), wx.requestPayment's paySign, and AEAD_AES_256_GCM with the APIv3 key
 * (notification resources, downloaded platform certificates).
 */
export const nonce = () => crypto.randomBytes(16).toString('hex').toUpperCase();

const sign = (privateKey: KeyObject | string, message: string) => crypto.createSign('RSA-SHA256').update(message, 'utf8').sign(privateKey, 'base64');

/** The request's Authorization header: `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n` signed with the merchant key. */
export const authorization = (
  merchant: { mchId: string; serialNo: string; privateKey: KeyObject | string },
  method: string,
  pathWithQuery: string,
  body: string,
  at: { timestamp?: string; nonceStr?: string } = {},
): string => {
  const timestamp = at.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonceStr = at.nonceStr ?? nonce();
  const signature = sign(merchant.privateKey, `${method.toUpperCase()}\n${pathWithQuery}\n${timestamp}\n${nonceStr}\n${body}\n`);
  return `WECHATPAY2-SHA256-RSA2048 mchid="${merchant.mchId}",nonce_str="${nonceStr}",signature="${signature}",timestamp="${timestamp}",serial_no="${merchant.serialNo}"`;
};

/** The parts of an Authorization header (the fake WeChat Pay checks them). */
export const parseAuthorization = (header: string | undefined): Record<string, string> | null => {
  const match = /^WECHATPAY2-SHA256-RSA2048 (.+)$/.exec(header ?? '');
  if (!match) return null;
  return Object.fromEntries([...match[1].matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
};

/** WeChat Pay's signature over an answer or a notification: `timestamp\nnonce\nbody\n`. */
export const wechatPaySignature = (privateKey: KeyObject | string, timestamp: string, nonceStr: string, body: string) =>
  sign(privateKey, `${timestamp}\n${nonceStr}\n${body}\n`);

export const verifyWechatPaySignature = (publicKey: KeyObject, timestamp: string, nonceStr: string, body: string, signature: string): boolean => {
  try {
    return crypto.createVerify('RSA-SHA256').update(`${timestamp}\n${nonceStr}\n${body}\n`, 'utf8').verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
};

/** wx.requestPayment's paySign: `appId\ntimeStamp\nnonceStr\npackage\n` signed with the merchant key. */
export const paySign = (privateKey: KeyObject | string, appId: string, timeStamp: string, nonceStr: string, pkg: string) =>
  sign(privateKey, `${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`);

export type EncryptedResource = { algorithm: 'AEAD_AES_256_GCM'; ciphertext: string; nonce: string; associated_data: string; original_type?: string };

/** AEAD_AES_256_GCM with the 32-character APIv3 key; the ciphertext ends with the 16-byte tag. */
export const decryptResource = (apiV3Key: string, resource: Pick<EncryptedResource, 'ciphertext' | 'nonce' | 'associated_data'>): string => {
  const data = Buffer.from(resource.ciphertext, 'base64');
  const decipher = crypto.createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(resource.nonce, 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - 16));
  decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
};

export const encryptResource = (apiV3Key: string, plaintext: string, associatedData: string, originalType: string): EncryptedResource => {
  const nonceStr = crypto.randomBytes(6).toString('hex');
  const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonceStr, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext: body.toString('base64'), nonce: nonceStr, associated_data: associatedData, original_type: originalType };
};

// ---- a self-signed X.509 certificate (the fake WeChat Pay's platform certificate), in plain DER

const der = (tag: number, content: Buffer): Buffer => {
  const length = content.length;
  const head = length < 0x80 ? Buffer.from([tag, length]) : length < 0x100 ? Buffer.from([tag, 0x81, length]) : Buffer.from([tag, 0x82, length >> 8, length & 0xff]);
  return Buffer.concat([head, content]);
};
const seq = (...parts: Buffer[]) => der(0x30, Buffer.concat(parts));
const oid = (dotted: string) => {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * a + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
};
const utf8 = (text: string) => der(0x0c, Buffer.from(text, 'utf8'));
const utcTime = (d: Date) => der(0x17, Buffer.from(`${d.toISOString().slice(2, 19).replace(/[-T:]/g, '')}Z`, 'ascii'));
const name = (cn: string) => seq(der(0x31, seq(oid('2.5.4.3'), utf8(cn))));

/** A self-signed RSA certificate for `keyPair`, with a random serial; PEM. */
export const selfSignedCertificate = (keyPair: { publicKey: KeyObject; privateKey: KeyObject }, commonName: string, days = 365): { pem: string; serialNo: string } => {
  // DER INTEGER: positive (top bit clear) and minimal (a leading 0x00 before a byte under 0x80 is
  // "illegal padding" to OpenSSL), so the first byte is kept in 0x40..0x7f.
  const serial = crypto.randomBytes(16);
  serial[0] = (serial[0] & 0x3f) | 0x40;
  const sha256WithRsa = seq(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));
  const now = new Date();
  const tbs = seq(
    der(0xa0, der(0x02, Buffer.from([0x02]))),
    der(0x02, serial),
    sha256WithRsa,
    name(commonName),
    seq(utcTime(new Date(now.getTime() - 86_400_000)), utcTime(new Date(now.getTime() + days * 86_400_000))),
    name(commonName),
    keyPair.publicKey.export({ type: 'spki', format: 'der' }) as Buffer,
  );
  const signature = crypto.createSign('RSA-SHA256').update(tbs).sign(keyPair.privateKey);
  const cert = seq(tbs, sha256WithRsa, der(0x03, Buffer.concat([Buffer.from([0x00]), signature])));
  const pem = `-----BEGIN CERTIFICATE-----\n${cert.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
  return { pem, serialNo: new crypto.X509Certificate(pem).serialNumber.toUpperCase() };
};
