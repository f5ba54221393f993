import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { scheduleLockedJob } from '../../../../services/jobs';
import type { WeChatConfig } from './config';
import { startFakeWeChatServer } from './fake/fake-wechat-server';
import { pluginState } from './state';
import { getService } from './utils/get-service';

const FAKE_APP_ID = 'wx0000000000fake00';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  // Fail the boot now, not at the first login, when the encryption key is unusable.
  getService(strapi, 'dataCipher').assertKey();
  const config = strapi.config.get('plugin::wechat') as WeChatConfig;
  const state = pluginState(strapi);

  if (config.mode === 'fake') {
    // Local development only (the config validator refuses it in production): a real HTTP fake of
    // WeChat on a free port, with this app's id and a throwaway secret.
    const appId = config.appId || FAKE_APP_ID;
    const appSecret = config.appSecret || 'fake-secret-for-local-development';
    state.fake = await startFakeWeChatServer({ appId, appSecret, devtoolsPerson: config.fakeDevtoolsPerson });
    strapi.config.set('plugin::wechat.appId', appId);
    strapi.config.set('plugin::wechat.appSecret', appSecret);
    strapi.config.set('plugin::wechat.apiBase', state.fake.url);
    // Media check verdicts are pushed back to this app's own message-push endpoint, signed with the push
    // token (a throwaway one when WECHAT_PUSH_TOKEN is unset).
    const pushToken = config.pushToken || randomBytes(12).toString('hex');
    strapi.config.set('plugin::wechat.pushToken', pushToken);
    const port = Number(strapi.config.get('server.port', 1337));
    state.fake.setPushTarget({ url: `http://127.0.0.1:${port}/api/wechat/push`, token: pushToken });
    strapi.log.info(
      `[wechat] WECHAT_MODE=fake: fake WeChat at ${state.fake.url}; a login code "alice.1" signs in as alice, and every WeChat DevTools code as "${config.fakeDevtoolsPerson}" (WECHAT_FAKE_DEVTOOLS_PERSON; see the plugin README)`,
    );
  } else if (!config.appId || !config.appSecret) {
    strapi.log.warn('[wechat] WECHAT_APP_ID / WECHAT_APP_SECRET are not set: sign-in answers 503 until they are (or use WECHAT_MODE=fake locally)');
  }

  if (process.env.NODE_ENV !== 'test') {
    state.purgeTask = scheduleLockedJob(strapi, {
      name: 'wechat:purge-deleted-accounts',
      cron: config.purgeCron,
      lockSeconds: 600,
      run: () => getService(strapi, 'profile').purgeExpired(),
    });
  }
};

export default bootstrap;
