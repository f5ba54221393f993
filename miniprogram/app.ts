/** The app entry; the API layer and the offline queue start here (next commit). */
App({});
