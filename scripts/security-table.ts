// npm run security:table — rewrites the access table in SECURITY.md from the routes' declarations
// (config.access). tests/integration/access-gate.test.ts fails while SECURITY.md is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { accessTableMarkdown } from '../server/lib/access-table.ts';
import { createDb } from '../db/client.ts';

const database = await createDb({ dataDir: 'memory://' });
await database.migrate();
const app = await buildApp({ config: loadConfig({ NODE_ENV: 'test' }), database });
await app.ready();
const table = accessTableMarkdown(app.accessTable);
await app.close();
await database.close();

const file = new URL('../SECURITY.md', import.meta.url);
const text = readFileSync(file, 'utf8');
const updated = text.replace(/(<!-- access-table -->\n)[\s\S]*?(<!-- \/access-table -->)/, `$1${table}\n$2`);
writeFileSync(file, updated);
console.log(updated === text ? 'SECURITY.md was already up to date.' : 'SECURITY.md: access table rewritten.');
