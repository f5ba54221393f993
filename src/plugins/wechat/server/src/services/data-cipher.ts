import crypto from 'node:crypto';

/**
 * AES-256-GCM for data kept at rest that must never be readable from a database dump alone: WeChat
 * session keys and phone numbers. The key is DATA_ENCRYPTION_KEY (32 bytes, base64). Ciphertexts are
 * `v1.<iv>.<tag>.<data>` in base64url, so a key rotation can add a v2 later.
 */
const keyFromEnvironment = (): Buffer => {
  const raw = process.env.DATA_ENCRYPTION_KEY ?? '';
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32) {
    throw new Error('DATA_ENCRYPTION_KEY must be 32 random bytes in base64 (`openssl rand -base64 32`); npm run develop generates one');
  }
  return key;
};

const dataCipherService = () => ({
  /** Throws a clear error when the key is missing or malformed; called at boot. */
  assertKey() {
    keyFromEnvironment();
  },

  encrypt(plaintext: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', keyFromEnvironment(), iv);
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), data].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  },

  decrypt(ciphertext: string): string {
    const [version, iv, tag, data] = ciphertext.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('Unknown ciphertext format');
    const decipher = crypto.createDecipheriv('aes-256-gcm', keyFromEnvironment(), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  },
});

export type DataCipherService = ReturnType<typeof dataCipherService>;
export default dataCipherService;
