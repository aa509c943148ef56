#!/usr/bin/env node
// The spammer's side of a stamp (docs/protocol.md §3.9), for bench/run (not a test): one thread
// stamping comments with Node's WebCrypto, whose Ed25519 and SHA-256 are OpenSSL's native code,
// the protocol package's own stampComment, as a spammer without a browser would run it.
//
//   node stamp-native.mjs '<json args>' <out.json>
//
// args: { bits, count }. Writes { stamp: [ms...], sign: [ms...], tries: [...] }: per comment the
// time to stamp it at `bits` and, as the reference, to sign it once without a stamp.
import { writeFile } from 'node:fs/promises'
import { signComment, stampComment } from '../../packages/protocol/src/index.js'
import { encodeBase64Url } from '../../packages/protocol/src/base64url.js'

const { bits, count } = JSON.parse(process.argv[2])
const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])
const identity = { privateKey: pair.privateKey, publicKey: encodeBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey))) }
const out = { stamp: [], sign: [], tries: [] }
for (let i = 0; i < count; i++) {
  const fields = { url: 'a'.repeat(64), parent: null, author: 'Bench', text: `a comment of some length, number ${i} `.repeat(8), ts: i }
  let t = performance.now()
  await signComment(fields, identity)
  out.sign.push(performance.now() - t)
  t = performance.now()
  const { comment } = await stampComment(fields, identity, bits)
  out.stamp.push(performance.now() - t)
  out.tries.push(comment.nonce + 1)
}
await writeFile(process.argv[3], JSON.stringify(out))
