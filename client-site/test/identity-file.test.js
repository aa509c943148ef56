// The passphrase-protected identity file (client-site/README.md, "The identity file";
// docs/adr/012-reader-key.md): round trip, a pinned vector, wrong passphrases and changed files.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { IdentityFileError, MAX_ITERATIONS, openIdentity, sealIdentity } from '../src/write/identity-file.js'
import { vectors } from './fixtures/vectors.js'

const SEED = new Uint8Array(Buffer.from(vectors.testKey.ed25519SeedHex, 'hex'))
const KEY = vectors.testKey.publicKeyB64u
const PASSPHRASE = 'correct horse battery staple'

// Sealed here and checked against Python's hashlib.pbkdf2_hmac + cryptography's AESGCM, with the
// additional data as json.dumps(header, sort_keys=True, separators=(',', ':')).
const PINNED = {
  type: 'comments-identity',
  v: 2,
  key: KEY,
  createdAt: 1767225600000,
  kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600000, salt: 'AAECAwQFBgcICQoLDA0ODw' },
  cipher: { name: 'AES-GCM', iv: 'AAECAwQFBgcICQoL' },
  sealed: 'ObQxFBzYoNGU3fvSUoUrIcR-xbKa3Gi6TEsXajVZi6lH9pvqIisADsDLGk-ajid8'
}

async function refused (text, passphrase, code) {
  await assert.rejects(openIdentity(text, passphrase), err => err instanceof IdentityFileError && err.code === code, `${code}: ${text.slice(0, 200)}`)
}

describe('identity file', () => {
  it('seals to the pinned vector with a fixed salt and iv, and opens it', async () => {
    const text = await sealIdentity({ seed: SEED, publicKey: KEY, createdAt: PINNED.createdAt }, PASSPHRASE, {
      salt: Uint8Array.from({ length: 16 }, (_, i) => i), iv: Uint8Array.from({ length: 12 }, (_, i) => i)
    })
    assert.deepEqual(JSON.parse(text), PINNED)
    const opened = await openIdentity(JSON.stringify(PINNED), PASSPHRASE)
    assert.deepEqual([...opened.seed], [...SEED])
    assert.equal(opened.publicKey, KEY)
    assert.equal(opened.createdAt, PINNED.createdAt)
  })

  it('round-trips with a random salt and iv, different each time', async () => {
    const a = JSON.parse(await sealIdentity({ seed: SEED, publicKey: KEY, createdAt: 5 }, 'ünïcödé pässphrase'))
    const b = JSON.parse(await sealIdentity({ seed: SEED, publicKey: KEY, createdAt: 5 }, 'ünïcödé pässphrase'))
    assert.notEqual(a.kdf.salt, b.kdf.salt)
    assert.notEqual(a.sealed, b.sealed)
    assert.equal(a.kdf.iterations, 600000)
    // The same passphrase typed decomposed (NFD) opens it.
    const opened = await openIdentity(JSON.stringify(a), 'ünïcödé pässphrase'.normalize('NFD'))
    assert.deepEqual([...opened.seed], [...SEED])
  })

  it('a wrong passphrase is refused as such', async () => {
    await refused(JSON.stringify(PINNED), 'correct horse battery stapler', 'passphrase')
    await refused(JSON.stringify(PINNED), '', 'passphrase')
  })

  it('a changed file does not open, even with the right passphrase', async () => {
    const flip = (text, at) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1)
    const other = 'igjthZYV4zQJ42B-cTLu4FuIuUHmqvR9iu8bb1lV738' // another valid 32-byte key
    for (const changed of [
      { ...PINNED, sealed: flip(PINNED.sealed, 5) },
      { ...PINNED, key: other },
      { ...PINNED, createdAt: PINNED.createdAt + 1 },
      { ...PINNED, kdf: { ...PINNED.kdf, salt: flip(PINNED.kdf.salt, 3) } },
      { ...PINNED, kdf: { ...PINNED.kdf, iterations: 600001 } },
      { ...PINNED, cipher: { ...PINNED.cipher, iv: flip(PINNED.cipher.iv, 2) } }
    ]) await refused(JSON.stringify(changed), PASSPHRASE, 'passphrase')
  })

  it('what is not an identity file, or is damaged, is refused before any passphrase is tried', async () => {
    for (const text of ['not json', 'null', '[]', '{}', JSON.stringify({ ...PINNED, type: 'something-else' })]) await refused(text, PASSPHRASE, 'not-identity')
    await refused(JSON.stringify({ ...PINNED, v: 3 }), PASSPHRASE, 'not-identity')
    const { sealed, ...noSealed } = PINNED
    for (const damaged of [
      noSealed,
      { ...PINNED, extra: 1 },
      { ...PINNED, key: 'AAAA' },
      { ...PINNED, sealed: PINNED.sealed.slice(0, 20) },
      { ...PINNED, createdAt: -1 },
      { ...PINNED, kdf: { ...PINNED.kdf, iterations: 1000 } }, // too cheap to guess against
      { ...PINNED, kdf: { ...PINNED.kdf, iterations: MAX_ITERATIONS + 1 } }, // would hold the page
      { ...PINNED, kdf: { ...PINNED.kdf, hash: 'SHA-1' } },
      { ...PINNED, kdf: { ...PINNED.kdf, salt: 'AAEC' } },
      { ...PINNED, cipher: { name: 'AES-CBC', iv: PINNED.cipher.iv } }
    ]) await refused(JSON.stringify(damaged), PASSPHRASE, 'damaged')
  })

  it('refuses to seal under a short passphrase', async () => {
    await assert.rejects(sealIdentity({ seed: SEED, publicKey: KEY, createdAt: 0 }, 'short'), err => err.code === 'passphrase')
  })

  it('still reads a version 1 file (the seed in the clear), checking that key and seed match', async () => {
    const seed = Buffer.from(SEED).toString('base64url')
    const opened = await openIdentity(JSON.stringify({ type: 'comments-identity', v: 1, key: KEY, seed }), '')
    assert.equal(opened.publicKey, KEY)
    await refused(JSON.stringify({ type: 'comments-identity', v: 1, key: 'igjthZYV4zQJ42B-cTLu4FuIuUHmqvR9iu8bb1lV738', seed }), '', 'damaged')
    await refused(JSON.stringify({ type: 'comments-identity', v: 1, key: KEY, seed: 'AA' }), '', 'damaged')
  })
})
