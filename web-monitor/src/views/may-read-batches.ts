import type { CurrentUser } from '../../../web-shared/src/api/camunda-types.js';

/**
 * Whether the signed-in user reads batch operations, so that an empty list means "none". Camunda 8.8 answers a
 * search the caller may not read with an empty page, and tells the caller no permissions of its own:
 * `/v2/authentication/me` has roles, groups and `authorizedComponents` (COMPONENT ACCESS, which says nothing about
 * BATCH READ), and `/v2/authorizations/search` needs AUTHORIZATION READ. So this goes by the roles
 * config/authorizations.json grants BATCH READ on `*` (admin, manager); anyone else gets the careful wording. The
 * limit: a cluster whose roles of these names lack that grant would read an empty list as "none".
 */
export function mayReadBatches(user: Pick<CurrentUser, 'roles' | 'authorizedComponents'>): boolean {
  return user.roles.includes('admin') || user.roles.includes('manager');
}
