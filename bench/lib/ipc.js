/**
 * A call into the running platform over IPC (bench/platform-server.js answers it): `{ call: 'service', plugin,
 * service, method, args }` or `{ call: 'stop-cron', name }`; resolves with `{ result, wallMs, cpuMs }`.
 */
'use strict';

let nextCall = 0;

const ipc = (child, message, timeoutMs = 60_000) =>
  new Promise((resolve, reject) => {
    const id = ++nextCall;
    const onMessage = (answer) => {
      if (!answer || answer.reply !== id) return;
      child.off('message', onMessage);
      clearTimeout(timer);
      if (answer.error) reject(new Error(answer.error));
      else resolve(answer);
    };
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`the platform did not answer ${message.call} within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.send({ ...message, id });
  });

module.exports = { ipc };
