import type { Core } from '@strapi/strapi';
import { getStrapi, http, setupStrapi, teardownStrapi, usingPostgres, usingRedis } from '../helpers/strapi';
import { startSecondInstance, type SecondInstance } from '../helpers/second-instance';
import { createUser, type TestUser } from '../helpers/users';
import { newHabit } from '../helpers/habits';

/**
 * Content-API authentication (src/extensions/users-permissions/content-api-auth.ts): users-permissions'
 * rules, without its per-request queries. What it caches must never outlive a change: a role's
 * permissions, a user's role, block or deletion apply to the very next request.
 */
beforeAll(async () => {
  await setupStrapi();
});
afterAll(teardownStrapi);

type RouteDef = { method: string; path: string; config?: { auth?: unknown; prefix?: string } };
type Router = { type?: string; routes: RouteDef[] | (() => RouteDef[]) };

/** Every content-API route that authenticates (auth is not false), with a concrete path. */
const authenticatedRoutes = (strapi: Core.Strapi) => {
  const found: Array<{ method: string; path: string }> = [];
  const collect = (routers: Record<string, Router> | RouteDef[] | undefined, prefixFor: (route: RouteDef) => string, plainListType: string) => {
    const list = Array.isArray(routers) ? [{ type: plainListType, routes: routers }] : Object.values(routers ?? {});
    for (const router of list) {
      if (router.type && router.type !== 'content-api') continue;
      for (const route of typeof router.routes === 'function' ? router.routes() : router.routes) {
        if (route.config?.auth === false) continue;
        const path = `/api${prefixFor(route)}${route.path}`.replace(/:(\w+)/g, (_m, name: string) => (name === 'metric' ? 'total-days' : 'x1'));
        found.push({ method: route.method.toLowerCase(), path });
      }
    }
  };
  for (const api of Object.values(strapi.apis)) collect(api.routes as never, () => '', 'content-api');
  for (const [name, plugin] of Object.entries(strapi.plugins)) {
    if (['admin', 'content-manager', 'content-type-builder', 'upload', 'email', 'i18n', 'content-releases', 'review-workflows'].includes(name)) continue;
    // A plugin's plain list of routes belongs to the admin API.
    collect(plugin.routes as never, (route) => route.config?.prefix ?? `/${name}`, 'admin');
  }
  return found;
};

const send = (user: TestUser | null, route: { method: string; path: string }) => {
  const agent = http() as unknown as Record<string, (path: string) => ReturnType<ReturnType<typeof http>['get']>>;
  const request = agent[route.method](route.path);
  return user ? request.set(user.auth) : request;
};

/** Statements the database ran while `work` ran (knex's query event: every statement, both dialects). */
const statementsDuring = async (work: () => Promise<unknown>): Promise<string[]> => {
  const knex = getStrapi().db.connection;
  const seen: string[] = [];
  const listener = (query: { sql: string }) => seen.push(query.sql);
  knex.on('query', listener);
  try {
    await work();
  } finally {
    knex.removeListener('query', listener);
  }
  return seen;
};

describe('the authentication of every route', () => {
  it('finds the routes it is about to check', () => {
    const routes = authenticatedRoutes(getStrapi());
    const paths = routes.map((route) => `${route.method} ${route.path}`);
    expect(paths).toEqual(expect.arrayContaining(['post /api/check-ins', 'get /api/me', 'post /api/lottery/draw', 'get /api/leaderboards/total-days', 'get /api/habit-templates']));
  });

  it('refuses a blocked account with a valid token on the next request, on every route (401)', async () => {
    const strapi = getStrapi();
    const user = await createUser();
    await http().get('/api/me').set(user.auth).expect(200);
    await strapi.db.query('plugin::users-permissions.user').update({ where: { id: user.id }, data: { blocked: true } });
    const answers = await Promise.all(authenticatedRoutes(strapi).map(async (route) => `${route.method} ${route.path} ${(await send(user, route)).status}`));
    expect(answers.filter((line) => !line.endsWith(' 401'))).toEqual([]);
  });

  it('refuses a deleted account with a valid token on the next request, on every route (401)', async () => {
    const strapi = getStrapi();
    const user = await createUser();
    await http().get('/api/habits').set(user.auth).expect(200);
    await http().delete('/api/me').set(user.auth).expect(200);
    const answers = await Promise.all(authenticatedRoutes(strapi).map(async (route) => `${route.method} ${route.path} ${(await send(user, route)).status}`));
    expect(answers.filter((line) => !line.endsWith(' 401'))).toEqual([]);
  });

  it('answers 401 (sign in), not 403, to a request without a token for a route the public role may not call', async () => {
    const res = await http().get('/api/habits');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ data: null, error: expect.objectContaining({ status: 401, name: 'UnauthorizedError' }) });
    // Public routes still answer anonymous callers.
    await http().get('/api/habit-templates').expect(200);
  });
});

describe('what is cached, and when it is forgotten', () => {
  it("reads neither the role's permissions nor the API tokens on a signed-in request once warm", async () => {
    const user = await createUser();
    await http().get('/api/habits').set(user.auth).expect(200);
    const statements = await statementsDuring(() => http().get('/api/habits').set(user.auth).expect(200));
    expect(statements.filter((sql) => /up_permissions|strapi_api_tokens|strapi_core_store_settings/.test(sql))).toEqual([]);
    // The user is read on every request: that is what makes a block apply at once.
    expect(statements.some((sql) => /from "up_users"|from `up_users`|from up_users/i.test(sql))).toBe(true);
  });

  it('applies a permission removed in the admin panel to the next request, and its restoration too', async () => {
    const strapi = getStrapi();
    const user = await createUser();
    const superAdmin = await strapi.service('admin::role').getSuperAdmin();
    const email = `perm-${Date.now()}@example.com`;
    const admin = await strapi.service('admin::user').create({ email, firstname: 'Role', lastname: 'Editor', password: 'Str0ngEnough', isActive: true, roles: [superAdmin.id] });
    try {
      const login = await http().post('/admin/login').send({ email, password: 'Str0ngEnough' }).expect(200);
      const adminAuth = { Authorization: `Bearer ${login.body.data.token}` };
      const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
      const { body } = await http().get(`/users-permissions/roles/${role.id}`).set(adminAuth).expect(200);
      const permissions = body.role.permissions as Record<string, { controllers: Record<string, Record<string, { enabled: boolean }>> }>;
      expect(permissions['api::habit'].controllers.habit.find.enabled).toBe(true);

      await http().get('/api/habits').set(user.auth).expect(200); // the role's ability is cached now
      permissions['api::habit'].controllers.habit.find.enabled = false;
      await http().put(`/users-permissions/roles/${role.id}`).set(adminAuth).send({ name: body.role.name, description: body.role.description, permissions }).expect(200);
      expect((await http().get('/api/habits').set(user.auth)).status).toBe(403);

      permissions['api::habit'].controllers.habit.find.enabled = true;
      await http().put(`/users-permissions/roles/${role.id}`).set(adminAuth).send({ name: body.role.name, description: body.role.description, permissions }).expect(200);
      await http().get('/api/habits').set(user.auth).expect(200);
    } finally {
      await strapi.db.query('admin::user').delete({ where: { id: admin.id } });
      const { syncRolePermissions } = await import('../../src/bootstrap/permissions');
      await syncRolePermissions(strapi);
    }
  });

  it("applies a user's change of role to the next request", async () => {
    const strapi = getStrapi();
    const user = await createUser();
    const habit = await newHabit(user);
    await http().get(`/api/habits/${habit}`).set(user.auth).expect(200);
    const publicRole = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    await strapi.db.query('plugin::users-permissions.user').update({ where: { id: user.id }, data: { role: publicRole.id } });
    expect((await http().get(`/api/habits/${habit}`).set(user.auth)).status).toBe(403);
  });

  it('forgets a fill that raced a permission change (a read that started before the change is not kept)', async () => {
    const strapi = getStrapi();
    const user = await createUser();
    const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
    const permissions = strapi.db.query('plugin::users-permissions.permission');
    try {
      // Many concurrent first requests fill the cache while the permission goes away in their midst.
      const { authCaches } = await import('../../src/extensions/users-permissions/content-api-auth');
      authCaches(strapi).clear();
      const racing = Array.from({ length: 20 }, () => http().get('/api/diaries').set(user.auth));
      await permissions.deleteMany({ where: { action: 'api::diary.diary.find', role: role.id } });
      await Promise.all(racing);
      expect((await http().get('/api/diaries').set(user.auth)).status).toBe(403);
    } finally {
      const { syncRolePermissions } = await import('../../src/bootstrap/permissions');
      await syncRolePermissions(strapi);
    }
    await http().get('/api/diaries').set(user.auth).expect(200);
  });
});

describe('API tokens', () => {
  it('still authenticate (the JWT shortcut passes them to the API-token strategy) and read every record', async () => {
    const strapi = getStrapi();
    const owner = await createUser();
    const habit = await newHabit(owner);
    const token = await strapi.service('admin::api-token').create({ name: `integration-${Date.now()}`, type: 'read-only', lifespan: null, kind: 'content-api' } as never);
    try {
      const auth = { Authorization: `Bearer ${(token as { accessKey: string }).accessKey}` };
      const { body } = await http().get('/api/habits').query({ filters: { documentId: habit } }).set(auth).expect(200);
      expect(body.data.map((h: { documentId: string }) => h.documentId)).toContain(habit);
      expect((await http().post('/api/habits').set(auth).send({ data: { title: 'no' } })).status).toBe(403);
    } finally {
      await strapi.db.query('admin::api-token').delete({ where: { id: (token as { id: number }).id } });
    }
  });
});

// Two instances share one database only on PostgreSQL, and hear each other's changes only through Redis.
if (usingPostgres()) {
  describe('instances booting together', () => {
    it('run their boot steps one at a time: the second waits for the first to finish', async () => {
      const { oneInstanceAtATime } = await import('../../src/bootstrap/boot-lock');
      const events: string[] = [];
      const boot = (name: string) =>
        oneInstanceAtATime(getStrapi(), async () => {
          events.push(`${name} starts`);
          await new Promise((resolve) => setTimeout(resolve, 300));
          events.push(`${name} ends`);
          return name;
        });
      expect(await Promise.all([boot('a'), boot('b')])).toEqual(['a', 'b']);
      expect([events.slice(0, 2), events.slice(2)].every(([start, end]) => start.split(' ')[0] === end.split(' ')[0])).toBe(true);
    });

    it('all boot, and a permission missing before is created once between them', async () => {
      const strapi = getStrapi();
      const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
      const actions = ['api::prize.prize.find', 'api::prize.prize.findOne'];
      await strapi.db.query('plugin::users-permissions.permission').deleteMany({ where: { action: { $in: actions }, role: role.id } });
      const booted = await Promise.allSettled([startSecondInstance(), startSecondInstance(), startSecondInstance()]);
      await Promise.all(booted.map((result) => (result.status === 'fulfilled' ? result.value.stop() : undefined)));
      for (const result of booted) if (result.status === 'rejected') throw result.reason;
      for (const action of actions) {
        expect(await strapi.db.query('plugin::users-permissions.permission').count({ where: { action, role: role.id } })).toBe(1);
      }
    }, 180000);
  });
}

if (usingRedis() && usingPostgres()) {
  describe('on another instance (one PostgreSQL, one Redis)', () => {
    let other: SecondInstance;
    beforeAll(async () => {
      other = await startSecondInstance();
    }, 120000);
    afterAll(async () => {
      await other?.stop();
    });

    /** Polls until `check` holds, for at most `ms`; returns how long it took. */
    const within = async (ms: number, check: () => Promise<boolean>): Promise<number> => {
      const started = Date.now();
      while (!(await check())) {
        if (Date.now() - started > ms) throw new Error(`not within ${ms} ms\n${other.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return Date.now() - started;
    };

    it('applies a permission removed on this instance within a second there, and its restoration too', async () => {
      const strapi = getStrapi();
      const user = await createUser();
      await other.http().get('/api/habits').set(user.auth).expect(200); // the other instance caches the role's ability
      const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
      try {
        await strapi.db.query('plugin::users-permissions.permission').deleteMany({ where: { action: 'api::habit.habit.find', role: role.id } });
        await within(1000, async () => (await other.http().get('/api/habits').set(user.auth)).status === 403);
      } finally {
        const { syncRolePermissions } = await import('../../src/bootstrap/permissions');
        await syncRolePermissions(strapi);
      }
      await within(1000, async () => (await other.http().get('/api/habits').set(user.auth)).status === 200);
    });

    it('refuses a user blocked on this instance on the very next request there', async () => {
      const user = await createUser();
      await other.http().get('/api/me').set(user.auth).expect(200);
      await getStrapi().db.query('plugin::users-permissions.user').update({ where: { id: user.id }, data: { blocked: true } });
      await other.http().get('/api/me').set(user.auth).expect(401);
      await other.http().post('/api/check-ins').set(user.auth).send({ data: { habit: 'x' } }).expect(401);
    });
  });
}
