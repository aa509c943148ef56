/**
 * What the person typed and their name, kept in localStorage so that nothing is lost to
 * a failed post, a reload or a closed tab. A draft is per page and per reply target.
 */

const NAME_KEY = 'comments.author'

export class Drafts {
  /** @param {Storage | null} storage */
  constructor (storage) {
    this.storage = storage
  }

  name () {
    return this.read(NAME_KEY) ?? ''
  }

  setName (name) {
    this.write(NAME_KEY, name)
  }

  text (urlHash, parent) {
    return this.read(draftKey(urlHash, parent)) ?? ''
  }

  setText (urlHash, parent, text) {
    this.write(draftKey(urlHash, parent), text)
  }

  read (key) {
    try {
      return this.storage?.getItem(key) ?? null
    } catch {
      return null
    }
  }

  write (key, value) {
    try {
      if (value === '') this.storage?.removeItem(key)
      else this.storage?.setItem(key, value)
    } catch {
      // storage full or disabled: the text stays in the page
    }
  }
}

function draftKey (urlHash, parent) {
  return `comments.draft.${urlHash}.${parent ?? 'top'}`
}
