import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { Client } from 'pg';
import { APP_DIR } from '../helpers/strapi';

/**
 * `npm run admin:invite` as a person runs it, against a database nobody booted before (a scratch SQLite file,
 * or a scratch PostgreSQL database under TEST_DATABASE_URL): the first run boots the app, which makes the
 * super admin from ADMIN_EMAIL / ADMIN_PASSWORD and the four job roles, and invites an editor; a second boot
 * changes no role, and keeps what was edited by hand in between (Settings → Roles); refused input exits 2.
 */
const secret = () => crypto.randomBytes(32).toString('base64');
const RUN = crypto.randomBytes(3).toString('hex');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'habit-invite-'));
const env: Record<string, string> = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'error',
  SEED_DEMO: 'false',
  REDIS_URL: '',
  PUBLIC_URL: 'https://admin.example.com',
  APP_KEYS: `${secret()},${secret()}`,
  API_TOKEN_SALT: secret(),
  ADMIN_JWT_SECRET: secret(),
  TRANSFER_TOKEN_SALT: secret(),
  ENCRYPTION_KEY: secret(),
  JWT_SECRET: secret(),
  DATA_ENCRYPTION_KEY: secret(),
};
let scratchDatabase: { url: URL; name: string } | null = null;
let db: Knex;

beforeAll(async () => {
  if (process.env.TEST_DATABASE_URL) {
    const url = new URL(process.env.TEST_DATABASE_URL);
    const name = `habit_invite_${RUN}`;
    const admin = new URL(url);
    admin.pathname = '/postgres';
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`CREATE DATABASE "${name}"`);
    await client.end();
    url.pathname = `/${name}`;
    scratchDatabase = { url, name };
    env.DATABASE_URL = url.toString();
    db = knexFactory({ client: 'pg', connection: url.toString() });
  } else {
    env.DATABASE_URL = '';
    env.DATABASE_FILENAME = path.join(work, 'fresh.db');
    db = knexFactory({ client: 'better-sqlite3', connection: { filename: env.DATABASE_FILENAME }, useNullAsDefault: true });
  }
});
afterAll(async () => {
  await db?.destroy();
  if (scratchDatabase) {
    const admin = new URL(scratchDatabase.url);
    admin.pathname = '/postgres';
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${scratchDatabase.name}" WITH (FORCE)`);
    await client.end();
  }
  fs.rmSync(work, { recursive: true, force: true });
});

const invite = (args: string[], extra: Record<string, string> = {}) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, ...extra };
    delete childEnv.JEST_WORKER_ID;
    const child = spawn(process.execPath, [path.join(APP_DIR, 'scripts', 'admin-invite.js'), '--no-compile', ...args], { cwd: APP_DIR, env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });

/** The exit code, with the command's output when it is not the expected one (the reason is in there). */
const exitOf = (run: { code: number | null; stdout: string; stderr: string }, expected: number) =>
  run.code === expected ? `exit ${expected}` : `exit ${run.code}\n${run.stdout}\n${run.stderr}`;

/** Every role with its permissions, as rows a person could compare: `code | name | action subject`. */
const roles = async () =>
  (
    (await db('admin_roles as r')
      .leftJoin('admin_permissions_role_lnk as l', 'l.role_id', 'r.id')
      .leftJoin('admin_permissions as p', 'p.id', 'l.permission_id')
      .select('r.code', 'r.name', 'p.action', 'p.subject')) as Array<{ code: string; name: string; action: string | null; subject: string | null }>
  )
    .map((row) => `${row.code} | ${row.name} | ${row.action ?? ''} ${row.subject ?? ''}`.trim())
    .sort();

it('invites an editor on a fresh database, and a second boot keeps the roles as they were edited', async () => {
  const superAdmin = { ADMIN_EMAIL: `owner-${RUN}@example.com`, ADMIN_PASSWORD: `Own3r${RUN}Pass` };
  const first = await invite(['--role', 'editor', '--email', `editor-${RUN}@example.com`, '--firstname', '小编'], superAdmin);
  expect(exitOf(first, 0)).toBe('exit 0');
  const link = /https:\/\/admin\.example\.com\/admin\/auth\/register\?registrationToken=([0-9a-f]+)/.exec(first.stdout);
  expect(link).not.toBeNull();
  expect(first.stdout).toContain('内容编辑 Editor');
  expect(first.stdout + first.stderr).not.toMatch(/password\s*[:=]/i);

  const editor = (await db('admin_users').where({ email: `editor-${RUN}@example.com` }).first()) as { id: number; is_active: boolean | number; password: string | null; registration_token: string };
  expect(Boolean(editor.is_active)).toBe(false);
  expect(editor.password).toBeNull();
  expect(editor.registration_token).toBe(link?.[1]);
  const editorRoles = await db('admin_users_roles_lnk as l').join('admin_roles as r', 'r.id', 'l.role_id').where('l.user_id', editor.id).pluck('r.code');
  expect(editorRoles).toEqual(['content-editor']);
  // The super admin from ADMIN_EMAIL / ADMIN_PASSWORD, beside the admin's own roles and the four of ours.
  const owner = (await db('admin_users').where({ email: superAdmin.ADMIN_EMAIL }).first()) as { id: number; is_active: boolean | number };
  expect(Boolean(owner.is_active)).toBe(true);
  expect(await db('admin_users_roles_lnk as l').join('admin_roles as r', 'r.id', 'l.role_id').where('l.user_id', owner.id).pluck('r.code')).toEqual(['strapi-super-admin']);
  const codes = ((await db('admin_roles').pluck('code')) as string[]).sort();
  expect(codes).toEqual(['community-moderator', 'content-editor', 'mall-merchant', 'mall-operator', 'strapi-author', 'strapi-editor', 'strapi-super-admin']);
  expect(((await db('admin_roles').pluck('name')) as string[]).sort()).toEqual(expect.arrayContaining(['内容编辑 Editor', '审核员 Moderator', '运营 Operator', '商家 Merchant']));

  // A super admin edits two roles in Settings → Roles: renames one, takes a permission from another.
  const moderator = (await db('admin_roles').where({ code: 'community-moderator' }).first()) as { id: number };
  await db('admin_roles').where({ id: moderator.id }).update({ name: '审核组' });
  const editorRole = (await db('admin_roles').where({ code: 'content-editor' }).first()) as { id: number };
  const uploadRead = (await db('admin_permissions as p').join('admin_permissions_role_lnk as l', 'l.permission_id', 'p.id').where({ 'l.role_id': editorRole.id, 'p.action': 'plugin::upload.read' }).pluck('p.id')) as number[];
  expect(uploadRead).toHaveLength(1);
  await db('admin_permissions_role_lnk').whereIn('permission_id', uploadRead).delete();
  await db('admin_permissions').whereIn('id', uploadRead).delete();
  const edited = await roles();

  // The second boot: the same address again is refused (2), and no role changed.
  const again = await invite(['--role', 'operator', '--email', `EDITOR-${RUN}@example.com`]);
  expect(exitOf(again, 2)).toBe('exit 2');
  expect(again.stderr).toContain('already exists');
  expect(await roles()).toEqual(edited);
  expect(edited).toContain('community-moderator | 审核组 | plugin::community.moderate');
  expect(edited.filter((row) => row.startsWith('content-editor') && row.includes('plugin::upload.read'))).toEqual([]);
  expect(Number(((await db('admin_users').count({ n: '*' })) as Array<{ n: number | string }>)[0].n)).toBe(2);
}, 300_000);

it('names the known roles when asked for another, and explains the options when one is missing', async () => {
  const unknown = await invite(['--role', 'boss', '--email', `boss-${RUN}@example.com`]);
  expect(exitOf(unknown, 2)).toBe('exit 2');
  expect(unknown.stderr).toContain('Unknown role "boss"; known roles: editor, moderator, operator, merchant');
  expect(Number(((await db('admin_users').where({ email: `boss-${RUN}@example.com` }).count({ n: '*' })) as Array<{ n: number | string }>)[0].n)).toBe(0);

  const missing = await invite(['--role', 'editor']);
  expect(exitOf(missing, 2)).toBe('exit 2');
  expect(missing.stderr).toContain('--role and --email are required');
  expect(missing.stderr).toContain('usage: npm run admin:invite');
}, 300_000);
