/**
 * Expected errors subclass ExtensionError: their message is for people and is shown as
 * it is. Anything else is a bug and is reported (console.error) by reportUnexpected.
 */

export class ExtensionError extends Error {
  constructor (message, options) {
    super(message, options)
    this.name = this.constructor.name
  }
}

/** A tab whose page cannot have comments (not http or https, or no readable address). */
export class RefusedPageError extends ExtensionError {}

/** A setting that fails validation; `field` names it (clientUrl, openIn, badge). */
export class InvalidSettingError extends ExtensionError {
  constructor (field, message) {
    super(message)
    this.field = field
  }
}

/** The user did not grant a permission the feature needs. */
export class PermissionDeniedError extends ExtensionError {}

/** The badge could not get a count (no server, a server's bad answer): shown in the options page. */
export class CountUnavailableError extends ExtensionError {}

/** True for errors whose message is meant for people. */
export function isExpected (err) {
  return err instanceof ExtensionError
}

/**
 * Logs an error that should not happen; expected ones are left to the caller to show.
 *
 * @param {string} where what was being done
 * @param {unknown} err
 * @param {{ error: (...args: any[]) => void }} [log]
 */
export function reportUnexpected (where, err, log = console) {
  if (!isExpected(err)) log.error(`comments extension: ${where} failed unexpectedly`, err)
}
