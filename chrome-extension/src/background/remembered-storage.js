/**
 * A synchronous Storage (getItem / setItem), as the client's ServerList expects of
 * localStorage, kept in memory and written through to `chrome.storage.local` (a
 * service worker has no localStorage). Load it once before use.
 */
export class RememberedStorage {
  /**
   * @param {{ getLocalValue: (key: string) => Promise<any>, setLocalValue: (key: string, value: any) => Promise<void> }} api
   * @param {{ key?: string }} [init] the chrome.storage.local key holding all items
   */
  constructor (api, init = {}) {
    this.api = api
    this.key = init.key ?? 'rememberedStorage'
    /** @type {Map<string, string>} */
    this.items = new Map()
    this.loaded = null
    this.saving = null
  }

  /** Reads the saved items once; later calls share the first read. */
  load () {
    this.loaded ??= this.api.getLocalValue(this.key).then(saved => {
      if (saved != null && typeof saved === 'object') {
        for (const [k, v] of Object.entries(saved)) if (typeof v === 'string' && !this.items.has(k)) this.items.set(k, v)
      }
    }, () => {})
    return this.loaded
  }

  getItem (key) {
    return this.items.get(key) ?? null
  }

  setItem (key, value) {
    this.items.set(key, String(value))
    this.save()
  }

  removeItem (key) {
    this.items.delete(key)
    this.save()
  }

  save () {
    this.saving = this.api.setLocalValue(this.key, Object.fromEntries(this.items)).catch(() => {})
  }

  /** Resolves when the last change is written. */
  async flush () {
    await this.saving
  }
}
