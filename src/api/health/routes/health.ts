/** Probes for load balancers and orchestrators; no auth, no database writes. */
export default {
  routes: [
    {
      method: 'GET',
      path: '/health',
      handler: 'health.health',
      config: { auth: false, policies: [], middlewares: [] },
    },
    {
      method: 'GET',
      path: '/ready',
      handler: 'health.ready',
      config: { auth: false, policies: [], middlewares: [] },
    },
  ],
};
