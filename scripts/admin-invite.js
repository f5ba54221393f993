#!/usr/bin/env node
/**
 * `npm run admin:invite -- --role editor|moderator|operator|merchant --email a@b.c [--firstname X]
 * [--lastname Y] [--shop <shop documentId or id>]`: invites a person to the admin panel with one of the job
 * roles (src/bootstrap/admin-roles.ts). It boots the app without serving HTTP against the database the app
 * is configured with (.env / DATABASE_URL), creates an inactive admin with that role and prints the
 * invitation link (<admin url>/auth/register?registrationToken=...), where the person chooses their own
 * password. It never prints or sets a password. `--shop` binds a merchant to their shop (the shop's admins):
 * a merchant sees nothing until they are bound to one, which a super admin can also do later on the shop.
 *
 * Exit codes: 0 invited; 2 refused (unknown role, bad or existing e-mail, no such shop, missing option);
 * 1 anything else. `--no-compile` skips compiling the TypeScript app first (when dist/ is known to be current).
 */
'use strict';

const path = require('node:path');

const EX_REFUSED = 2;
const USAGE = 'usage: npm run admin:invite -- --role editor|moderator|operator|merchant --email a@b.c [--firstname X] [--lastname Y] [--shop <shop documentId or id>]';
const OPTIONS = ['role', 'email', 'firstname', 'lastname', 'shop'];

/** `--name value` and `--name=value`; anything else is refused. */
const parseArgs = (argv) => {
  const options = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--no-compile') continue;
    const match = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    if (!match || !OPTIONS.includes(match[1])) throw new Error(`unknown argument ${arg}`);
    const value = match[2] ?? argv[(i += 1)];
    if (value === undefined || value.startsWith('--')) throw new Error(`--${match[1]} needs a value`);
    options[match[1]] = value;
  }
  if (!options.role || !options.email) throw new Error('--role and --email are required');
  return options;
};

const main = async () => {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`admin:invite: ${error.message}\n${USAGE}`);
    process.exit(EX_REFUSED);
  }
  const appDir = path.resolve(__dirname, '..');
  if (!process.argv.includes('--no-compile')) {
    await require('./compile-app').compileApp(appDir);
  }
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  const { inviteAdmin, InviteRefused } = require(path.join(appDir, 'dist', 'src', 'services', 'admin-invite.js'));
  let code = 0;
  try {
    const invited = await inviteAdmin(strapi, options);
    const shop = invited.shop ? `, admin of the shop ${invited.shop.name} (#${invited.shop.id})` : '';
    console.log(`admin:invite: invited ${invited.email} as ${invited.role.name}${shop}. Send them this link to choose a password and sign in:`);
    console.log(invited.link);
  } catch (error) {
    if (error instanceof InviteRefused) {
      console.error(`admin:invite: ${error.message}`);
      code = EX_REFUSED;
    } else {
      console.error(`admin:invite failed: ${error instanceof Error ? error.stack : String(error)}`);
      code = 1;
    }
  } finally {
    await strapi.destroy();
  }
  process.exit(code);
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
