import type { UID } from '@strapi/strapi';
import { getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { removeAdmins, superAdmin } from '../helpers/admin';
import {
  applyAdminLayouts,
  EDIT_LAYOUTS,
  fieldDescription,
  fieldLabel,
  isOurContentType,
  LAYOUT_VERSION,
  LIST_VIEWS,
} from '../../src/bootstrap/admin-layout';
import { ENUM_LABELS } from '../../src/admin/enum-labels';
import { translations } from '../../src/admin/translations';

/**
 * The admin panel speaks to editors who are not developers (issue 19): every field of every content type
 * of ours has a Chinese and English label, every type the content manager shows has its list view (columns,
 * default sort, filters) and its edit view in rows, enumeration values read in Chinese, and a layout an
 * editor rearranges in the admin survives restarts until the code ships a new LAYOUT_VERSION.
 */
type Attribute = { type: string; enum?: string[] };
type Configuration = {
  settings: Record<string, unknown>;
  metadatas: Record<string, { edit: Record<string, unknown>; list: Record<string, unknown> }>;
  layouts: { list: string[]; edit: Array<Array<{ name: string; size: number }>> };
};

const isChinese = (text: string) => /[\u4e00-\u9fff]/.test(text);
const bilingual = (text: string | undefined) => Boolean(text && isChinese(text) && /[A-Za-z]/.test(text));

const ourTypes = () => Object.keys(getStrapi().contentTypes).filter(isOurContentType).sort();
/** What the content manager lists in its menu (pluginOptions.content-manager.visible is not false). */
const shownTypes = () =>
  ourTypes().filter((uid) => (getStrapi().contentTypes[uid as UID.ContentType].pluginOptions as Record<string, { visible?: boolean }> | undefined)?.['content-manager']?.visible !== false);
const attributesOf = (uid: string) => getStrapi().contentTypes[uid as UID.ContentType].attributes as unknown as Record<string, Attribute>;
const configurationOf = async (uid: string) =>
  (await getStrapi().plugin('content-manager').service('content-types').findConfiguration(getStrapi().contentType(uid as UID.ContentType))) as Configuration;
const store = () => getStrapi().store({ type: 'core', name: 'habit-platform' });

beforeAll(async () => {
  await setupStrapi();
  // A worker's database outlives a test file: apply this version's layout as a first boot would.
  await store().set({ key: 'admin-layout-version', value: -1 });
  await applyAdminLayouts(getStrapi());
});
afterAll(async () => {
  await removeAdmins();
  await teardownStrapi();
});

describe('labels', () => {
  it('has a Chinese and English label for every field of every content type of ours', () => {
    expect(ourTypes().length).toBeGreaterThan(50);
    const missing = ourTypes().flatMap((uid) => Object.keys(attributesOf(uid)).filter((field) => !bilingual(fieldLabel(uid, field))).map((field) => `${uid}.${field}`));
    expect(missing).toEqual([]);
  });

  it('writes each help line in Chinese and English', () => {
    const monolingual = ourTypes().flatMap((uid) =>
      Object.keys(attributesOf(uid)).filter((field) => fieldDescription(uid, field) !== '' && !bilingual(fieldDescription(uid, field))).map((field) => `${uid}.${field}`),
    );
    expect(monolingual).toEqual([]);
  });

  it('puts the labels and help lines in the content manager, for the types it shows and the ones it hides', async () => {
    const wrong: string[] = [];
    for (const uid of ourTypes()) {
      const { metadatas } = await configurationOf(uid);
      for (const field of Object.keys(attributesOf(uid))) {
        const meta = metadatas[field];
        if (!meta) continue; // the content manager keeps no metadata for it (e.g. documentId)
        if (meta.edit.label !== fieldLabel(uid, field) || meta.list.label !== fieldLabel(uid, field)) wrong.push(`${uid}.${field}: ${String(meta.edit.label)}`);
        if (fieldDescription(uid, field) && meta.edit.description !== fieldDescription(uid, field)) wrong.push(`${uid}.${field} (description)`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('calls every content type by a Chinese and English name', () => {
    const names = ourTypes().map((uid) => `${uid}: ${String(getStrapi().contentTypes[uid as UID.ContentType].info.displayName)}`);
    expect(names.filter((name) => !bilingual(name.split(': ')[1]))).toEqual([]);
  });
});

describe('views', () => {
  it('has a list view and an edit view coded for every type the content manager shows', () => {
    expect(shownTypes().filter((uid) => !LIST_VIEWS[uid] || !EDIT_LAYOUTS[uid])).toEqual([]);
  });

  it('lists 4 to 6 useful columns after the id, sorted by default, with filters and search on', async () => {
    for (const uid of shownTypes()) {
      const view = LIST_VIEWS[uid];
      const { settings, layouts } = await configurationOf(uid);
      const attributes = attributesOf(uid);
      expect({ uid, columns: layouts.list }).toEqual({ uid, columns: view.columns });
      expect(view.columns[0]).toBe('id');
      expect({ uid, columns: view.columns.length - 1 >= 4 && view.columns.length - 1 <= 6 }).toEqual({ uid, columns: true });
      expect(view.columns.slice(1).every((field) => field in attributes)).toBe(true);
      expect({ uid, sortBy: settings.defaultSortBy, order: settings.defaultSortOrder, main: settings.mainField }).toEqual({
        uid,
        sortBy: view.sortBy,
        order: view.sortOrder,
        main: view.mainField,
      });
      expect(view.sortBy === 'id' || view.sortBy in attributes).toBe(true);
      expect(settings).toMatchObject({ filterable: true, searchable: true });
    }
  });

  it('groups the edit view in the coded rows, none wider than the page', async () => {
    for (const uid of shownTypes()) {
      const { layouts } = await configurationOf(uid);
      for (const row of layouts.edit) expect(row.reduce((sum, el) => sum + el.size, 0)).toBeLessThanOrEqual(12);
      const placed = layouts.edit.flat().map((el) => el.name);
      const coded = EDIT_LAYOUTS[uid].flat().map(([field]) => field).filter((field) => placed.includes(field));
      expect({ uid, order: placed.slice(0, coded.length) }).toEqual({ uid, order: coded });
      expect(new Set(placed).size).toBe(placed.length);
    }
  });

  it('shows the fields the system keeps as read-only', async () => {
    const { metadatas } = await configurationOf('plugin::mall.sku');
    expect(metadatas.stock.edit.editable).toBe(false);
    expect(metadatas.restock.edit.editable).not.toBe(false);
    const user = await configurationOf('plugin::users-permissions.user');
    expect(user.metadatas.pointsBalance.edit.editable).toBe(false);
  });
});

describe('enumeration values', () => {
  it('reads every value of every shown enumeration in Chinese, with the value the list view prints', () => {
    const unnamed: string[] = [];
    for (const uid of shownTypes()) {
      for (const [field, attribute] of Object.entries(attributesOf(uid))) {
        for (const value of attribute.enum ?? []) {
          const label = ENUM_LABELS[value];
          if (!label || !isChinese(label) || !label.endsWith(value)) unnamed.push(`${uid}.${field}: ${value}`);
        }
      }
    }
    expect(unnamed).toEqual([]);
  });

  it('hands them to the admin as zh-Hans translations keyed by the value, as the content manager looks them up', () => {
    for (const [value, label] of Object.entries(ENUM_LABELS)) expect((translations['zh-Hans'] as Record<string, string>)[value]).toBe(label);
    expect(translations['zh-Hans']['Auth.form.welcome.title']).toContain('习惯打卡平台');
  });
});

describe('an editor’s layout', () => {
  const uid = 'api::prize.prize';
  const EDITORS_COLUMNS = ['id', 'name', 'stock'];
  const EDITORS_LABEL = '奖品名 Prize name (editor)';

  it('survives a restart until LAYOUT_VERSION changes', async () => {
    const editor = await superAdmin();
    const got = await http().get(`/content-manager/content-types/${uid}/configuration`).set(editor.auth).expect(200);
    const { settings, metadatas, layouts } = got.body.data.contentType as Configuration;
    // As the admin's Configure the view form sends it: a list entry holds its label, search and sort only.
    const asSent = Object.fromEntries(
      Object.entries(metadatas).map(([field, { edit, list }]) => [field, { edit, list: { label: list.label, searchable: list.searchable, sortable: list.sortable } }]),
    );
    const changed = {
      settings: { ...settings, defaultSortBy: 'name', defaultSortOrder: 'ASC' },
      metadatas: { ...asSent, name: { ...metadatas.name, edit: { ...metadatas.name.edit, label: EDITORS_LABEL }, list: { ...metadatas.name.list, label: EDITORS_LABEL } } },
      layouts: { edit: layouts.edit, list: EDITORS_COLUMNS },
    };
    const put = await http().put(`/content-manager/content-types/${uid}/configuration`).set(editor.auth).send(changed);
    expect({ status: put.status, error: put.body.error }).toEqual({ status: 200, error: undefined });

    const challengeEdit = (await configurationOf('api::challenge.challenge')).layouts.edit;

    await teardownStrapi();
    await setupStrapi();

    // The content manager checks every layout at boot and would move a field whose width it refuses.
    expect((await configurationOf('api::challenge.challenge')).layouts.edit).toEqual(challengeEdit);

    const kept = await configurationOf(uid);
    expect(kept.layouts.list).toEqual(EDITORS_COLUMNS);
    expect(kept.metadatas.name.edit.label).toBe(EDITORS_LABEL);
    expect(kept.settings.defaultSortBy).toBe('name');

    // The next version's layout replaces it, as a deploy with a bumped LAYOUT_VERSION would.
    await applyAdminLayouts(getStrapi(), LAYOUT_VERSION + 1);
    const replaced = await configurationOf(uid);
    expect(replaced.layouts.list).toEqual(LIST_VIEWS[uid].columns);
    expect(replaced.metadatas.name.edit.label).toBe(fieldLabel(uid, 'name'));
    expect(replaced.settings.defaultSortBy).toBe(LIST_VIEWS[uid].sortBy);
    await store().set({ key: 'admin-layout-version', value: LAYOUT_VERSION });
  });
});
