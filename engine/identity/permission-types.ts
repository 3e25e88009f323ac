/**
 * Camunda 8.8's authorization resources and the permissions each supports (its docs' "available resources"
 * table), plus Camunda 8.9's USER_TASK resource, whose authorizations may name a task property
 * (`resourcePropertyName`) instead of a resource id: the task worker model clerks use here.
 */
export const RESOURCE_PERMISSIONS = {
  AUTHORIZATION: ['CREATE', 'READ', 'UPDATE', 'DELETE'],
  BATCH: [
    'CREATE',
    'READ',
    'UPDATE',
    'CREATE_BATCH_OPERATION_CANCEL_PROCESS_INSTANCE',
    'CREATE_BATCH_OPERATION_DELETE_PROCESS_INSTANCE',
    'CREATE_BATCH_OPERATION_MIGRATE_PROCESS_INSTANCE',
    'CREATE_BATCH_OPERATION_MODIFY_PROCESS_INSTANCE',
    'CREATE_BATCH_OPERATION_RESOLVE_INCIDENT',
    'CREATE_BATCH_OPERATION_DELETE_DECISION_INSTANCE',
    'CREATE_BATCH_OPERATION_DELETE_DECISION_DEFINITION',
    'CREATE_BATCH_OPERATION_DELETE_PROCESS_DEFINITION',
  ],
  COMPONENT: ['ACCESS'],
  DECISION_DEFINITION: ['CREATE_DECISION_INSTANCE', 'READ_DECISION_DEFINITION', 'READ_DECISION_INSTANCE', 'DELETE_DECISION_INSTANCE'],
  DECISION_REQUIREMENTS_DEFINITION: ['READ'],
  DOCUMENT: ['CREATE', 'READ', 'DELETE'],
  GROUP: ['CREATE', 'READ', 'UPDATE', 'DELETE'],
  MAPPING_RULE: ['CREATE', 'READ', 'UPDATE', 'DELETE'],
  MESSAGE: ['CREATE', 'READ'],
  PROCESS_DEFINITION: [
    'READ_PROCESS_DEFINITION',
    'CREATE_PROCESS_INSTANCE',
    'READ_PROCESS_INSTANCE',
    'UPDATE_PROCESS_INSTANCE',
    'MODIFY_PROCESS_INSTANCE',
    'CANCEL_PROCESS_INSTANCE',
    'DELETE_PROCESS_INSTANCE',
    'READ_USER_TASK',
    'UPDATE_USER_TASK',
  ],
  RESOURCE: ['CREATE', 'READ', 'DELETE_PROCESS', 'DELETE_DRD', 'DELETE_FORM', 'DELETE_RESOURCE'],
  ROLE: ['CREATE', 'READ', 'UPDATE', 'DELETE'],
  SYSTEM: ['READ', 'READ_USAGE_METRIC', 'UPDATE'],
  TENANT: ['CREATE', 'READ', 'UPDATE', 'DELETE'],
  USER: ['CREATE', 'READ', 'UPDATE', 'DELETE'],
  USER_TASK: ['READ', 'UPDATE', 'CLAIM', 'COMPLETE'],
} as const;

export type ResourceType = keyof typeof RESOURCE_PERMISSIONS;
export type PermissionType = (typeof RESOURCE_PERMISSIONS)[ResourceType][number];
export type PermissionOf<R extends ResourceType> = (typeof RESOURCE_PERMISSIONS)[R][number];

export const RESOURCE_TYPES = Object.keys(RESOURCE_PERMISSIONS) as ResourceType[];

export const OWNER_TYPES = ['USER', 'GROUP', 'ROLE', 'CLIENT', 'MAPPING_RULE'] as const;

/** The task properties a property-based USER_TASK authorization may name. */
export const USER_TASK_PROPERTIES = ['assignee', 'candidateUsers', 'candidateGroups'] as const;
export type UserTaskProperty = (typeof USER_TASK_PROPERTIES)[number];

export function isPermissionOf(resourceType: ResourceType, permission: string): boolean {
  return (RESOURCE_PERMISSIONS[resourceType] as readonly string[]).includes(permission);
}
