import { getStrapi } from './strapi';

type SettingsDocuments = {
  findFirst(): Promise<{ documentId: string } | null>;
  create(params: object): Promise<unknown>;
  update(params: object): Promise<unknown>;
};

/** Save the gamification rules as an editor does in the admin: the first save of the single type creates it. */
export const saveRules = async (data: Record<string, unknown>) => {
  const settings = getStrapi().documents('plugin::gamification.settings' as never) as unknown as SettingsDocuments;
  const existing = await settings.findFirst();
  if (existing) await settings.update({ documentId: existing.documentId, data });
  else await settings.create({ data });
};
