export default { type: 'admin' as const, routes: [] as Array<Record<string, unknown>> };
