/**
 * `npm run test:admin`: the admin panel in a real browser, one role after another (issue 19).
 *
 * 1. builds the admin panel when there is no build or an admin source is newer (`ADMIN_BUILD=always` builds
 *    again), compiles the server;
 * 2. starts the built app (`strapi start`) on a scratch SQLite database with the demo content, the fake WeChat
 *    and a super admin (ADMIN_EMAIL / ADMIN_PASSWORD made up for the run);
 * 3. runs each role's check (tests/admin/<check>.js) against it as a child process: every check signs in
 *    as its own admin of that role (invited by the super admin, registered through the invitation, as a
 *    person would be), does the job in headless Chromium, in Chinese, and proves through the admin API that
 *    what another role owns answers 403;
 * 4. stops the app; exits 1 when any step of any check failed.
 *
 * Screenshots go to `test-output/admin/` (ADMIN_SHOTS_DIR overrides; `docs/admin/` holds the reviewed ones).
 * `ADMIN_CHECKS=editor,moderator` runs some of the checks. Chromium: /usr/bin/chromium (CHROMIUM_PATH);
 * `apt-get install chromium fonts-noto-cjk` where it is missing (.ci/run does).
 */
'use strict';

const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawn, spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');
/** The four roles' jobs, then what the super admin sees: the Chinese admin, the home page's widgets, the coach's and the reminders' pages. */
const CHECKS = ['editor', 'moderator', 'operator', 'merchant', 'chinese', 'dashboard', 'coach-editor', 'reminders-editor'];
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const waitForHealth = async (url, child, output, timeoutMs) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode} before it answered:\n${output.join('').slice(-4000)}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the app did not answer /api/health within ${timeoutMs / 1000} s:\n${output.join('').slice(-4000)}`);
};

const main = async () => {
  if (!fs.existsSync(chromium)) {
    process.stderr.write(`No Chromium at ${chromium}: apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH)\n`);
    process.exit(2);
  }
  const selected = (process.env.ADMIN_CHECKS || CHECKS.join(','))
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = selected.filter((name) => !CHECKS.includes(name));
  if (unknown.length > 0) {
    process.stderr.write(`Unknown check(s) ${unknown.join(', ')}; known: ${CHECKS.join(', ')}\n`);
    process.exit(2);
  }

  const builtAt = (() => {
    try {
      return fs.statSync(path.join(ROOT, 'dist', 'build', 'index.html')).mtimeMs;
    } catch {
      return 0;
    }
  })();
  /** The newest admin source (src/admin, each plugin's admin/): a build older than it is stale. */
  const newestAdminSource = () => {
    let newest = 0;
    const walk = (dir) => {
      if (!fs.existsSync(dir)) return;
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else newest = Math.max(newest, fs.statSync(file).mtimeMs);
      }
    };
    walk(path.join(ROOT, 'src', 'admin'));
    for (const plugin of fs.readdirSync(path.join(ROOT, 'src', 'plugins'))) walk(path.join(ROOT, 'src', 'plugins', plugin, 'admin'));
    return newest;
  };
  if (builtAt === 0 || builtAt < newestAdminSource() || process.env.ADMIN_BUILD === 'always') {
    process.stdout.write('==> npm run build (the admin panel)\n');
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }

  // The server as the sources are now (the admin bundle above changes only with the admin code).
  await require('../../scripts/compile-app').compileApp(ROOT);

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'habit-admin-'));
  const shots = path.resolve(process.env.ADMIN_SHOTS_DIR || path.join(ROOT, 'test-output', 'admin'));
  fs.mkdirSync(shots, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const admin = { email: `super-${crypto.randomBytes(3).toString('hex')}@example.com`, password: `Sup3r${crypto.randomBytes(6).toString('hex')}` };
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: url,
    DATABASE_URL: '',
    DATABASE_FILENAME: path.join(work, 'admin.db'),
    REDIS_URL: '',
    SEED_DEMO: 'true',
    WECHAT_MODE: 'fake',
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    // Each check makes its admins and users as it goes: one address would meet the sign-in budgets.
    WECHAT_LOGIN_PER_IP: '100000',
    // The super admin signs in for every invitation: more than Strapi's 5 in 5 minutes.
    ADMIN_LOGIN_MAX: '1000',
  };

  process.stdout.write(`==> strapi start on ${url} (database ${env.DATABASE_FILENAME})\n`);
  const output = [];
  const app = spawn(process.execPath, [path.join(ROOT, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 400) output.splice(0, output.length - 400);
  };
  app.stdout.on('data', keep);
  app.stderr.on('data', keep);
  fs.writeFileSync(path.join(shots, 'app.log'), '');
  app.stdout.on('data', (chunk) => fs.appendFileSync(path.join(shots, 'app.log'), chunk));
  app.stderr.on('data', (chunk) => fs.appendFileSync(path.join(shots, 'app.log'), chunk));

  const stop = () =>
    new Promise((resolve) => {
      if (app.exitCode !== null) return resolve();
      app.once('exit', resolve);
      app.kill('SIGTERM');
      setTimeout(() => app.kill('SIGKILL'), 30_000).unref();
    });
  process.on('SIGINT', () => stop().then(() => process.exit(130)));

  const outcomes = [];
  try {
    await waitForHealth(url, app, output, 180_000);
    for (const name of selected) {
      process.stdout.write(`\n==> ${name}\n`);
      const started = Date.now();
      const run = spawnSync(process.execPath, [path.join(__dirname, `${name}.js`)], {
        cwd: ROOT,
        stdio: 'inherit',
        env: { ...process.env, STRAPI_URL: url, ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password, SHOTS_DIR: shots, CHROMIUM_PATH: chromium },
        timeout: 10 * 60_000,
      });
      outcomes.push({ name, ok: run.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
    }
  } finally {
    await stop();
    fs.rmSync(work, { recursive: true, force: true });
  }

  process.stdout.write('\n');
  for (const { name, ok, seconds } of outcomes) process.stdout.write(`${ok ? 'ok  ' : 'FAIL'}  ${name} (${seconds} s)\n`);
  process.stdout.write(`screenshots and the app's log: ${path.relative(ROOT, shots)}/\n`);
  process.exitCode = outcomes.every((outcome) => outcome.ok) && outcomes.length === selected.length ? 0 : 1;
};

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exitCode = 1;
});
