import { getApi } from './api/index';

/**
 * The app: the API is built from config.ts on first use; the offline check-in queue replays what was
 * tapped without network, now (launch) and whenever the network comes back.
 */
App({
  onLaunch() {
    getApi().offlineQueue.start();
  },
});
