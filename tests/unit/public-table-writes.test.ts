import fs from 'node:fs';
import path from 'node:path';
import { ROLE_PERMISSIONS } from '../../src/bootstrap/permissions';
import { TABLES } from '../../src/plugins/gamification/server/src/content-types';

/**
 * The public cache hears Document Service and db.query writes by itself, but not knex or hand-written
 * SQL: such a writer must call `invalidatePublic(strapi, uid)` after its commit (CONTRIBUTING.md, "Public
 * cache"). This test finds every knex / SQL write to a table the public API reads and fails on one it does
 * not know, so a new one cannot go in unnoticed: add it to KNOWN_WRITES with the file that calls
 * invalidatePublic for it (and a test that the public list shows the change).
 */
const APP = path.resolve(__dirname, '..', '..');

/** statement or call site -> the file that announces its writes with invalidatePublic. */
const KNOWN_WRITES: Record<string, string> = {
  // The draw takes one unit of a limited prize (GET /api/prizes shows stock).
  'src/plugins/gamification/server/src/statements.ts: UPDATE prizes': 'src/plugins/gamification/server/src/services/lottery.ts',
};

/** Tables of the content types the public role reads, and of the api types they can populate. */
const publicTables = (): Set<string> => {
  const schemas = new Map<string, { collectionName: string; attributes: Record<string, { type: string; target?: string; private?: boolean }> }>();
  for (const api of fs.readdirSync(path.join(APP, 'src/api'))) {
    const dir = path.join(APP, 'src/api', api, 'content-types');
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir)) schemas.set(`api::${api}.${name}`, JSON.parse(fs.readFileSync(path.join(dir, name, 'schema.json'), 'utf8')));
  }
  const tables = new Set<string>();
  const visit = (uid: string) => {
    const schema = schemas.get(uid);
    if (!schema || tables.has(schema.collectionName)) return;
    tables.add(schema.collectionName);
    for (const attribute of Object.values(schema.attributes)) if (attribute.type === 'relation' && attribute.target && !attribute.private) visit(attribute.target);
  };
  for (const action of ROLE_PERMISSIONS.public) visit(action.slice(0, action.lastIndexOf('.')));
  return tables;
};

const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' || entry.name === 'admin' ? [] : sourceFiles(full);
    return /\.(ts|js)$/.test(entry.name) ? [full] : [];
  });

/** `${TABLES.prizes}` -> prizes; a literal name stays itself. */
const tableName = (reference: string) => {
  const constant = /^\$\{\s*TABLES\.(\w+)\s*\}$/.exec(reference) ?? /^TABLES\.(\w+)$/.exec(reference);
  return constant ? (TABLES as Record<string, string>)[constant[1]] ?? reference : reference;
};

const SQL_WRITE = /\b(UPDATE|INSERT\s+INTO|DELETE\s+FROM)\s+["`]?(\$\{\s*TABLES\.\w+\s*\}|\w+)/g;
/** A knex builder on a table (`knex('prizes')`, `trx(TABLES.prizes)`) whose chain, up to the next `;`, writes. */
const KNEX_WRITE = /\(\s*(?:['"`](\w+)(?:\s+as\s+\w+)?['"`]|(TABLES\.\w+))\s*\)([^;]*?)\.(update|insert|del|delete|increment|decrement|upsert|merge)\(/g;

const findWrites = () => {
  const tables = publicTables();
  const found = new Map<string, string>();
  for (const file of [...sourceFiles(path.join(APP, 'src')), ...sourceFiles(path.join(APP, 'database', 'seeds'))]) {
    const relative = path.relative(APP, file);
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(SQL_WRITE)) {
      const table = tableName(match[2]);
      if (tables.has(table)) found.set(`${relative}: ${match[1].replace(/\s+/g, ' ').split(' ')[0]} ${table}`, relative);
    }
    for (const match of text.matchAll(KNEX_WRITE)) {
      const table = tableName(match[1] ?? match[2]);
      if (tables.has(table)) found.set(`${relative}: knex ${match[4]} ${table}`, relative);
    }
  }
  return found;
};

describe('writes to public tables outside the Document Service', () => {
  it('knows the tables the public API reads', () => {
    expect([...publicTables()].sort()).toEqual(
      expect.arrayContaining(['habit_templates', 'prizes', 'product_categories', 'products', 'task_templates']),
    );
    // The community's reads are its own actions (posts.feed, posts.findOne ...), answered live: never
    // cached, so its hand-written counter updates need no announcement.
    expect([...publicTables()].filter((table) => table.startsWith('community_'))).toEqual([]);
  });

  it('are all known, and each one\'s writer calls invalidatePublic', () => {
    expect([...findWrites().keys()].sort()).toEqual(Object.keys(KNOWN_WRITES).sort());
    for (const [write, announcer] of Object.entries(KNOWN_WRITES)) {
      expect({ write, announces: /\binvalidatePublic\(/.test(fs.readFileSync(path.join(APP, announcer), 'utf8')) }).toEqual({ write, announces: true });
    }
  });

  it('would catch a new one, written either way', () => {
    const sample = "const X = statement('x', `UPDATE ${TABLES.prizes} SET stock = 0`); await trx('products').where({ id }).update({ stock: 0 });";
    expect([...sample.matchAll(SQL_WRITE)].map((m) => tableName(m[2]))).toEqual(['prizes']);
    expect([...sample.matchAll(KNEX_WRITE)].map((m) => [tableName(m[1] ?? m[2]), m[4]])).toEqual([['products', 'update']]);
  });
});
