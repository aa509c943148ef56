/**
 * A tiny key-value store on IndexedDB, which keeps CryptoKeys (non-extractable ones
 * included) by structured clone. Used for the author's identity.
 */

const DB_NAME = 'comments'
const STORE = 'identity'

export class IndexedDbStore {
  constructor (indexedDB = globalThis.indexedDB) {
    this.indexedDB = indexedDB
    this.db = null
  }

  async get (key) {
    return this.run('readonly', store => store.get(key))
  }

  async put (key, value) {
    await this.run('readwrite', store => store.put(value, key))
  }

  async delete (key) {
    await this.run('readwrite', store => store.delete(key))
  }

  async open () {
    if (this.db != null) return this.db
    if (this.indexedDB == null) throw new Error('this browser keeps no IndexedDB here (private mode?), so the identity cannot be saved')
    this.db = await new Promise((resolve, reject) => {
      const request = this.indexedDB.open(DB_NAME, 1)
      request.onupgradeneeded = () => request.result.createObjectStore(STORE)
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
      request.onblocked = () => reject(new Error('the identity database is blocked by another tab'))
    })
    return this.db
  }

  async run (mode, fn) {
    const db = await this.open()
    return new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode)
      const request = fn(tx.objectStore(STORE))
      tx.oncomplete = () => resolve(request.result)
      tx.onerror = () => reject(tx.error)
      tx.onabort = () => reject(tx.error ?? new Error('the identity database transaction was aborted'))
    })
  }
}
