/**
 * A batch operation works off its items in the background, long after its creator was authorized. Each item is
 * checked again against what the creator may do now: a grant revoked (or an account deleted) meanwhile stops the
 * operation from touching further cases in their name, and the item records why.
 */
import type { RowScope } from '../store/row-scope.js';
import type { BatchOperationType } from '../state/records.js';
import type { IdentityService } from './identity-service.js';
import { rowScope } from './permission-set.js';
import type { PermissionOf } from './permission-types.js';

/** The process permission an item of each type needs on its case (as creating the operation did). */
const ITEM_PERMISSION: Record<BatchOperationType, PermissionOf<'PROCESS_DEFINITION'>> = {
  CANCEL_PROCESS_INSTANCE: 'CANCEL_PROCESS_INSTANCE',
  RESOLVE_INCIDENT: 'UPDATE_PROCESS_INSTANCE',
  MIGRATE_PROCESS_INSTANCE: 'UPDATE_PROCESS_INSTANCE',
  MODIFY_PROCESS_INSTANCE: 'MODIFY_PROCESS_INSTANCE',
};

/** Whether a process instance lies in a scope (the read side's row check). */
export type CaseReach = (processInstanceKey: number, scope: RowScope) => 'visible' | 'hidden' | 'missing';

/** Why the creator may no longer process this item (recorded on it), or undefined when they still may. */
export function batchItemRefusal(
  identity: IdentityService,
  reach: CaseReach,
  item: { creator: string; type: BatchOperationType; processInstanceKey: number },
): string | undefined {
  const principal = identity.principal(item.creator);
  if (!principal) return `批量操作的创建者 ${item.creator} 已不存在，此案件未处理 / the operation's creator no longer exists`;
  const permission = ITEM_PERMISSION[item.type];
  if (reach(item.processInstanceKey, rowScope(principal, permission)) !== 'hidden') return undefined;
  return `批量操作的创建者 ${item.creator} 已无此案件的 ${permission} 权限，此案件未处理 / the operation's creator no longer holds ${permission} on this case`;
}
