/**
 * The child process of tests/helpers/second-instance.ts: boots the compiled app (dist/) the way
 * tests/helpers/strapi.ts does, listens on an ephemeral port of 127.0.0.1, and reports
 * `{ ready: true, port }` over IPC. `{ stop: true }` destroys Strapi and exits.
 * Everything comes from the environment the parent passes (database, Redis, secrets).
 */
'use strict';

const path = require('node:path');

const appDir = path.resolve(__dirname, '..', '..');

const main = async () => {
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  await strapi.server.mount();
  await new Promise((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  let stopping = false;
  process.on('message', (message) => {
    if (!message || !message.stop || stopping) return;
    stopping = true;
    strapi
      .destroy()
      .catch((error) => console.error(error))
      .finally(() => process.exit(0));
  });
  // The parent going away (a crashed jest worker) ends this process too.
  process.on('disconnect', () => process.exit(0));
  process.send({ ready: true, port: strapi.server.httpServer.address().port });
};

main().catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
