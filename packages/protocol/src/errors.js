/**
 * The package's named errors. Each has a `name` to tell it by (also across bundles, where
 * `instanceof` may see two copies of a class) and what a caller needs to act on it.
 */
import { REJECTIONS } from './comment-rules.js'

/** A URL that cannot have comments: not parseable, or not http(s). `message` is for people. */
export class UrlRefusedError extends Error {
  constructor (message, input) {
    super(message)
    this.name = 'UrlRefusedError'
    this.input = input
  }
}

/** A comment that fails a rule; `code` is one of REJECTIONS' keys. */
export class InvalidCommentError extends Error {
  constructor (code, detail) {
    super(detail ?? REJECTIONS[code] ?? code)
    this.name = 'InvalidCommentError'
    this.code = code
  }
}

/** A config.json that cannot be used: not loadable, not JSON, an unknown key or a wrong type. */
export class ConfigError extends Error {
  constructor (message) {
    super(message)
    this.name = 'ConfigError'
  }
}

/** No comment server answered: none is known yet, or every one failed (`errors`). */
export class NoServerError extends Error {
  constructor (message, errors = []) {
    super(message)
    this.name = 'NoServerError'
    this.errors = errors
  }
}

/**
 * A comment a server did not take. `final`: the comment itself is refused (400, 413),
 * which every server would say again; otherwise another server may take it.
 */
export class PostError extends Error {
  /**
   * @param {string} message
   * @param {{ status?: number, code?: string, retryAfterSeconds?: number, final?: boolean }} [info]
   */
  constructor (message, info = {}) {
    super(message)
    this.name = 'PostError'
    this.status = info.status ?? 0
    this.code = info.code ?? null
    this.retryAfterSeconds = info.retryAfterSeconds ?? null
    this.final = info.final ?? false
  }
}
