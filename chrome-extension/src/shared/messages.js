/**
 * The messages between the extension's pages and its service worker: a small typed
 * union, each built by its function and recognised by `type`.
 *
 * @typedef {{ type: 'get-badge-status' }} GetBadgeStatus
 * @typedef {{ type: 'badge-status', enabled: boolean, server: string | null, error: string | null, at: number | null }} BadgeStatus
 * @typedef {{ type: 'error', message: string }} ErrorAnswer
 * @typedef {GetBadgeStatus} Request
 * @typedef {BadgeStatus | ErrorAnswer} Answer
 */

/** @returns {GetBadgeStatus} */
export const getBadgeStatus = () => ({ type: 'get-badge-status' })

/**
 * @param {{ enabled: boolean, server?: string | null, error?: string | null, at?: number | null }} status
 * @returns {BadgeStatus}
 */
export const badgeStatus = ({ enabled, server = null, error = null, at = null }) => ({ type: 'badge-status', enabled, server, error, at })

/** @returns {ErrorAnswer} */
export const errorAnswer = message => ({ type: 'error', message })

/** True for a message this extension sends (a known `type`). */
export function isRequest (message) {
  return message?.type === 'get-badge-status'
}
