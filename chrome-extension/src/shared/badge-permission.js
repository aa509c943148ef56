/**
 * The optional host permissions the badge needs (manifest `optional_host_permissions`):
 * to read the address of the active tab, and to reach the client's config and the
 * comment servers. Asked for only when the user turns the badge on.
 */
export const BADGE_ORIGINS = Object.freeze(['http://*/*', 'https://*/*'])
