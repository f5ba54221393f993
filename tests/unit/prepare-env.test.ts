import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** First run generates real random secrets; later runs keep them; production never writes a file. */
const script = path.resolve(__dirname, '../../scripts/prepare-env.js');
const SECRETS = ['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'ENCRYPTION_KEY', 'JWT_SECRET', 'DATA_ENCRYPTION_KEY'];

const scratch = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'prepare-env-')), '.env');
const cleanEnv = (file: string, extra: Record<string, string> = {}) => {
  const env: Record<string, string> = { PATH: String(process.env.PATH), PREPARE_ENV_FILE: file, NODE_ENV: 'development', ...extra };
  return env;
};
const parse = (file: string) =>
  Object.fromEntries(
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );

describe('scripts/prepare-env.js', () => {
  it('writes every secret, random and distinct, readable only by its owner', () => {
    const file = scratch();
    execFileSync('node', [script], { env: cleanEnv(file) });
    const values = parse(file);
    expect(Object.keys(values).sort()).toEqual([...SECRETS].sort());
    expect(new Set(Object.values(values)).size).toBe(SECRETS.length);
    expect(values.APP_KEYS.split(',')).toHaveLength(4);
    expect(Buffer.from(values.DATA_ENCRYPTION_KEY, 'base64')).toHaveLength(32);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    // A second machine gets different secrets.
    const other = scratch();
    execFileSync('node', [script], { env: cleanEnv(other) });
    expect(parse(other).JWT_SECRET).not.toBe(values.JWT_SECRET);
  });

  it('keeps existing values and adds only the missing ones', () => {
    const file = scratch();
    fs.writeFileSync(file, 'JWT_SECRET=mine\nDATABASE_URL=postgres://x\n');
    execFileSync('node', [script], { env: cleanEnv(file) });
    const first = fs.readFileSync(file, 'utf8');
    expect(parse(file).JWT_SECRET).toBe('mine');
    expect(parse(file).DATABASE_URL).toBe('postgres://x');
    execFileSync('node', [script], { env: cleanEnv(file) });
    expect(fs.readFileSync(file, 'utf8')).toBe(first);
  });

  it('refuses to start in production with a secret missing, and writes nothing', () => {
    const file = scratch();
    const result = spawnSync('node', [script], { env: cleanEnv(file, { NODE_ENV: 'production', JWT_SECRET: 'x' }), encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/APP_KEYS/);
    expect(result.stderr).not.toMatch(/[\s,]JWT_SECRET/);
    expect(fs.existsSync(file)).toBe(false);
  });
});
