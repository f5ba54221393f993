/**
 * One app process of the fault suite (tests/faults/harness.ts): the compiled app (dist/) booted as a real
 * process, listening on PORT (0: any free port) of 127.0.0.1, with the app's own signal handling
 * (APP_PROCESS=true: SIGTERM drains, src/bootstrap/graceful-shutdown.ts). Reports `{ ready, port }` over IPC.
 */
'use strict';

const path = require('node:path');

const appDir = path.resolve(__dirname, '..', '..');

const main = async () => {
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  await strapi.server.mount();
  const port = Number(process.env.PORT || 0);
  await new Promise((resolve, reject) => {
    strapi.server.httpServer.once('error', reject);
    strapi.server.httpServer.listen({ port, host: '127.0.0.1', backlog: 2048 }, resolve);
  });
  // The parent going away (a crashed jest run) ends this process too.
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  process.send({ ready: true, port: strapi.server.httpServer.address().port });
};

main().catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
