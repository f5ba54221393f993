import type { Core } from '@strapi/strapi';
import { isPostgres } from '../utils/dialect';
import { AI_COACH_UIDS } from '../plugins/ai-coach/public';
import { CHALLENGE_UIDS } from '../plugins/challenges/public';
import { COMMUNITY_UIDS, MODERATE_ACTION } from '../plugins/community/public';
import { GAMIFICATION_PUBLIC_UIDS, GAMIFICATION_UIDS, GENERATE_CODES_ACTION } from '../plugins/gamification/public';
import { MERCHANT_ROLE, OPERATOR_ROLE, merchantPermissions, operatorPermissions, type RolePermission } from '../plugins/mall/public';
import { QUIT_UIDS } from '../plugins/quit/public';
import { REMINDERS_READ_ACTION, REMINDERS_TEST_ACTION, REMINDER_UIDS } from '../plugins/reminders/public';

/**
 * The admin roles of the people who run the platform (issue 19), one row each: who may do what in the admin
 * panel. Anything a role lacks answers 403 from the admin API (each plugin's admin routes declare
 * `admin::hasPermissions`; the content manager checks its own permissions), not just a hidden button.
 *
 * | role            | code                  | may                                                                        |
 * |-----------------|-----------------------|----------------------------------------------------------------------------|
 * | 内容编辑 Editor  | `content-editor`      | create / read / update / delete habit and task templates, challenges,     |
 * |                 |                       | prizes, points & lottery rules, community boards, quit milestones,        |
 * |                 |                       | reminder templates (and the reminders page), the AI FAQ and AI quotas;    |
 * |                 |                       | the media library. No orders, moderation, users, shops, redeem codes.     |
 * | 审核员 Moderator | `community-moderator` | the moderation queue of posts, comments and user challenges, reports,     |
 * |                 |                       | mutes, the decision log (`plugin::community.moderate`); read users        |
 * |                 |                       | (no create, update or delete).                                            |
 * | 运营 Operator    | `mall-operator`       | all shops' orders: ship, cancel, refunds, export (`plugin::mall.orders`); |
 * |                 |                       | products, SKUs, shops; the media library; redeem-code batches; points     |
 * |                 |                       | grants (create and read: a grant is a ledger entry, never edited); the    |
 * |                 |                       | home page's check-ins, active users and points.                           |
 * | 商家 Merchant    | `mall-merchant`       | its own shop's products and SKUs (read, update) and orders (read, and     |
 * |                 |                       | the order routes), record by record (condition `plugin::mall.is-own-shop`)|
 *
 * The mall's two rows take their permission lists from the mall (its public surface), which owns the
 * own-shop condition and scopes its order routes by these codes. The codes are stable; the names are what
 * Settings → Roles shows.
 *
 * Editable afterwards: at boot a missing role is created with its defaults, and the defaults are applied to
 * the existing roles once per ROLES_VERSION (kept in Strapi's core store, like the admin layout's version).
 * What a super admin changes in Settings → Roles later (a permission added or removed, a new name) survives
 * restarts until the code ships a new ROLES_VERSION, which puts every role back to its row here: bump it
 * whenever anything below changes. A role deleted by hand comes back, with its defaults, at the next boot.
 *
 * Runs in the app's bootstrap, after every plugin registered its actions and conditions and after the admin
 * made its own roles (Super Admin, Editor, Author: it makes them only when there are no roles at all, so
 * ours must never come first on a fresh database). Instances booting at once on one PostgreSQL serialise on
 * a transaction-scoped advisory lock; SQLite serialises writes by itself.
 */
export const ROLES_VERSION = 2;

export type AdminRoleKey = 'editor' | 'moderator' | 'operator' | 'merchant';
type RoleDefinition = { code: string; name: string; description: string; permissions: (strapi: Core.Strapi) => RolePermission[] };

const CM = 'plugin::content-manager.explorer';
const USER_UID = 'plugin::users-permissions.user';
/** The media library, so images can be chosen and uploaded in the content manager's forms. */
const UPLOAD_ACTIONS = ['plugin::upload.read', 'plugin::upload.assets.create', 'plugin::upload.assets.update', 'plugin::upload.assets.download', 'plugin::upload.assets.copy-link'];
const HABIT_TEMPLATE_UID = 'api::habit-template.habit-template';
const TASK_TEMPLATE_UID = 'api::task-template.task-template';

/** The content types an editor keeps (the ones this app has: a plugin left out leaves its types out). */
const EDITOR_TYPES = [
  HABIT_TEMPLATE_UID,
  TASK_TEMPLATE_UID,
  CHALLENGE_UIDS.challenge,
  GAMIFICATION_PUBLIC_UIDS.prizes,
  // 积分与补签规则: points per check-in, makeups, and the lottery's cost, daily draws and no-prize weight.
  GAMIFICATION_UIDS.settings,
  COMMUNITY_UIDS.board,
  QUIT_UIDS.milestone,
  REMINDER_UIDS.template,
  AI_COACH_UIDS.faq,
  AI_COACH_UIDS.settings,
];

/** The dashboard plugin's numbers of check-ins, active users and points (src/plugins/dashboard/server/src/sections.ts). */
const DASHBOARD_ACTIVITY_ACTION = 'plugin::dashboard.activity';

/** What an operator sees of the user a points grant went to. */
const GRANTEE_FIELDS = ['user.id', 'user.documentId', 'user.username', 'user.nickname', 'user.phoneMasked'];

const action = (name: string): RolePermission => ({ action: name, subject: null, properties: {}, conditions: [] });

/** The content manager's `actions` on `uids`, with every field but the private ones (nested component fields too), as Strapi's own Editor role gets them. */
const contentManager = (strapi: Core.Strapi, actions: string[], uids: string[]): RolePermission[] => {
  const present = uids.filter((uid) => strapi.contentType(uid as never));
  const permissions = strapi.service('admin::content-type').getPermissionsWithNestedFields(
    // The registered action itself: whether it applies to fields is read from its options.
    actions.map((name) => ({ ...strapi.service('admin::permission').actionProvider.get(`${CM}.${name}`), subjects: present })),
  ) as Array<{ action: string; subject: string | null; properties?: { fields?: string[] } }>;
  // Never a private attribute (a challenge's creator: the admin would hand over the whole user, openid included).
  const visible = (subject: string | null, fields: string[]) => {
    const attributes = (strapi.contentType(subject as never) as { attributes?: Record<string, { private?: boolean }> } | undefined)?.attributes ?? {};
    return fields.filter((field) => !attributes[field.split('.')[0]]?.private);
  };
  return permissions.map((permission) => ({
    action: permission.action,
    subject: permission.subject,
    properties: permission.properties?.fields ? { fields: visible(permission.subject, permission.properties.fields) } : {},
    conditions: [],
  }));
};

/** Fields a reader may see: not the private ones (openids, password hashes, the phone's cipher ...). */
const publicFieldsOf = (strapi: Core.Strapi, uid: string) => {
  const attributes = (strapi.contentType(uid as never) as { attributes?: Record<string, { private?: boolean }> } | undefined)?.attributes ?? {};
  return Object.keys(attributes).filter((field) => !attributes[field].private && !['createdBy', 'updatedBy', 'password'].includes(field));
};

const registered = (strapi: Core.Strapi, name: string) => Boolean(strapi.service('admin::permission').actionProvider.get(name));
const uploads = (strapi: Core.Strapi) => UPLOAD_ACTIONS.filter((name) => registered(strapi, name)).map(action);

export const ADMIN_ROLES: Record<AdminRoleKey, RoleDefinition> = {
  editor: {
    code: 'content-editor',
    name: '内容编辑 Editor',
    description: '内容编辑：habit and task templates, challenges, prizes and lottery rules, boards, milestones, reminder templates, the AI FAQ and quotas',
    permissions: (strapi) => {
      const draftAndPublish = EDITOR_TYPES.filter((uid) => (strapi.contentType(uid as never) as { options?: { draftAndPublish?: boolean } } | undefined)?.options?.draftAndPublish);
      return [
        ...contentManager(strapi, ['create', 'read', 'update', 'delete'], EDITOR_TYPES),
        ...contentManager(strapi, ['publish'], draftAndPublish),
        ...[REMINDERS_READ_ACTION, REMINDERS_TEST_ACTION].filter((name) => registered(strapi, name)).map(action),
        ...uploads(strapi),
      ];
    },
  },
  moderator: {
    code: 'community-moderator',
    name: '审核员 Moderator',
    description: '社区审核：the moderation queue (posts, comments, user challenges), reports, mutes, the decision log; users read-only',
    permissions: (strapi) => [
      action(MODERATE_ACTION),
      { action: `${CM}.read`, subject: USER_UID, properties: { fields: publicFieldsOf(strapi, USER_UID) }, conditions: [] },
    ],
  },
  operator: {
    ...OPERATOR_ROLE,
    permissions: (strapi) => {
      const grant = GAMIFICATION_UIDS.pointsGrant;
      const permissions = [...operatorPermissions(strapi), action(GENERATE_CODES_ACTION)];
      // The home page's check-ins, active users and points of the week (the dashboard plugin's widgets).
      if (registered(strapi, DASHBOARD_ACTIVITY_ACTION)) permissions.push(action(DASHBOARD_ACTIVITY_ACTION));
      // A grant writes its ledger entry when created and can never be changed or deleted (gamification's
      // bootstrap refuses): create and read only.
      if (strapi.contentType(grant as never)) {
        permissions.push(
          { action: `${CM}.create`, subject: grant, properties: { fields: ['user', 'amount', 'reason'] }, conditions: [] },
          // Whom a grant went to by name only: a whole user would carry their openid into the admin's answer.
          { action: `${CM}.read`, subject: grant, properties: { fields: [...publicFieldsOf(strapi, grant).filter((field) => field !== 'user'), ...GRANTEE_FIELDS] }, conditions: [] },
        );
      }
      return permissions;
    },
  },
  merchant: { ...MERCHANT_ROLE, permissions: merchantPermissions },
};

/** `--role editor` → the role's row (for `npm run admin:invite`). */
export const adminRoleByKey = (key: string): RoleDefinition | undefined => (Object.prototype.hasOwnProperty.call(ADMIN_ROLES, key) ? ADMIN_ROLES[key as AdminRoleKey] : undefined);

const VERSION_KEY = 'admin-roles-version';
type RoleRow = { id: number; name: string };

/** Our name, or a distinct one when somebody already gave another role that name. */
const freeName = async (strapi: Core.Strapi, wanted: string, exceptId?: number) => {
  const taken = await strapi.db.query('admin::role').findOne({ where: exceptId === undefined ? { name: wanted } : { name: wanted, id: { $ne: exceptId } } });
  return taken ? null : wanted;
};

/** In the app's bootstrap: every role of ADMIN_ROLES exists, with its defaults applied once per ROLES_VERSION. */
export const syncAdminRoles = async (strapi: Core.Strapi) => {
  await strapi.db.transaction(async ({ trx }) => {
    if (isPostgres(strapi.db.connection)) await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', ['habit-platform:admin-roles']);
    const store = strapi.store({ type: 'core', name: 'habit-platform' });
    const applyDefaults = (await store.get({ key: VERSION_KEY })) !== ROLES_VERSION;
    const roles = strapi.service('admin::role');

    for (const definition of Object.values(ADMIN_ROLES)) {
      const { code, name, description } = definition;
      let role = (await strapi.db.query('admin::role').findOne({ where: { code } })) as RoleRow | null;
      if (!role) {
        role = (await roles.create({ code, name: (await freeName(strapi, name)) ?? `${name} (${code})`, description })) as RoleRow;
      } else if (applyDefaults) {
        // A hand-made role of our name keeps it; ours keeps its current name then.
        const renamed = (await freeName(strapi, name, role.id)) ?? role.name;
        await roles.update({ id: role.id }, { name: renamed, description });
      } else {
        continue;
      }
      // Exactly the defaults: assignPermissions adds what is missing and removes anything else.
      await roles.assignPermissions(role.id, definition.permissions(strapi));
    }
    if (applyDefaults) await store.set({ key: VERSION_KEY, value: ROLES_VERSION });
  });
};
