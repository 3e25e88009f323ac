/**
 * `npm run docs` (third step): the authorization table of docs/identity.md from engine/api/route-authorizations.ts
 * and config/authorizations.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROUTE_AUTHORIZATIONS } from '../engine/api/route-authorizations.js';
import { authorizationTable, withAuthorizationTable, type SeededAuthorization } from './docs/authorization-table.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const file = join(root, 'docs', 'identity.md');
const { authorizations } = JSON.parse(readFileSync(join(root, 'config', 'authorizations.json'), 'utf8')) as { authorizations: SeededAuthorization[] };
writeFileSync(file, withAuthorizationTable(readFileSync(file, 'utf8'), authorizationTable(ROUTE_AUTHORIZATIONS, authorizations)));
console.log(`[docs] ${Object.keys(ROUTE_AUTHORIZATIONS).length} routes written to docs/identity.md`);
