export default { type: 'content-api' as const, routes: [] as Array<Record<string, unknown>> };
