/**
 * The task list's session storage keys of before the private-data prefix (web-shared private-data.ts): a tab opened
 * before the upgrade may still hold them — the stored view with its search text, drafts with ID numbers —, and no
 * sign-in would remove them. Registered as the task list starts, so its SessionProvider removes them.
 */
export function isTasklistLegacyKey(key: string): boolean {
  return key === 'tasklist.query' || key.startsWith('tasklist.draft:');
}
