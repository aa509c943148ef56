import { describe, it, before } from 'node:test'
import assert from 'node:assert/strict'
import { rawCidOf } from '@comments/protocol'
import { CommentReader } from '../src/read/comment-reader.js'
import { vectors } from './fixtures/vectors.js'
import { makeFolder, networkBlockstore } from './fixtures/folder.js'
import { fakeFetch } from '@comments/protocol/testing/fake-network.js'

const PAGE = vectors.comments[0].comment.url
const GATEWAY = 'http://127.0.0.2:8080'
const utf8 = s => new TextEncoder().encode(s)

describe('reading a page\'s folder', () => {
  let folder
  let forgedId
  before(async () => {
    const forged = vectors.invalidComments[0].fileText
    forgedId = await rawCidOf(utf8(forged))
    folder = await makeFolder({
      [`${vectors.comments[0].id}.json`]: vectors.comments[0].fileText,
      [`${vectors.comments[1].id}.json`]: vectors.comments[1].fileText,
      [`${forgedId}.json`]: forged,
      [`${vectors.comments[0].id.slice(0, -4)}aaaa.json`]: vectors.comments[0].fileText, // named by another id
      'README.txt': 'not a comment'
    })
  })

  const carRoute = car => ({ [`${GATEWAY}/ipfs/${folder.root}?format=car&dag-scope=all`]: { body: car, headers: { 'Content-Type': 'application/vnd.ipld.car' } } })

  it('reads the whole folder in one CAR, keeps what verifies, counts what is dropped and ignores foreign entries', async () => {
    const fetch = fakeFetch(carRoute(await folder.car()))
    const reader = new CommentReader({ gateways: [GATEWAY], fetch })
    const read = await reader.read(PAGE, folder.root.toString())
    assert.equal(read.via, 'car')
    assert.deepEqual(read.comments.map(c => c.id).sort(), vectors.comments.slice(0, 2).map(v => v.id).sort(), 'the two comments put in the folder')
    assert.deepEqual(read.dropped.map(d => d.code).sort(), ['bad-signature', 'id-mismatch'])
    assert.deepEqual(read.foreign.map(e => e.name), ['README.txt'])
    assert.equal(fetch.requests.length, 1)
  })

  it('drops every comment of another page', async () => {
    const reader = new CommentReader({ gateways: [GATEWAY], fetch: fakeFetch(carRoute(await folder.car())) })
    const read = await reader.read('0'.repeat(64), folder.root.toString())
    assert.equal(read.comments.length, 0)
    assert.equal(read.dropped.filter(d => d.code === 'wrong-page').length, 2)
  })

  it('reads block by block through the IPFS node when no gateway answers', async () => {
    const network = networkBlockstore(folder.blocks)
    const reader = new CommentReader({ gateways: [GATEWAY], fetch: fakeFetch({}), blockstore: network })
    const read = await reader.read(PAGE, folder.root.toString())
    assert.equal(read.via, 'ipfs')
    assert.equal(read.comments.length, 2)
    assert.ok(network.asked.includes(folder.root.toString()))
  })

  it('refuses a CAR whose blocks do not match their CIDs, and reads through the node instead', async () => {
    const car = await folder.car()
    const text = new TextDecoder('latin1').decode(car)
    const at = text.indexOf('First!')
    car[at] = 'f'.charCodeAt(0) // tamper with a comment's bytes inside the CAR
    const network = networkBlockstore(folder.blocks)
    const reader = new CommentReader({ gateways: [GATEWAY], fetch: fakeFetch(carRoute(car)), blockstore: network })
    const read = await reader.read(PAGE, folder.root.toString())
    assert.equal(read.via, 'ipfs')
    assert.equal(read.comments.length, 2)
  })

  it('reads the same folder only once', async () => {
    const fetch = fakeFetch(carRoute(await folder.car()))
    const reader = new CommentReader({ gateways: [GATEWAY], fetch })
    const first = await reader.read(PAGE, folder.root.toString())
    assert.equal(await reader.read(PAGE, folder.root.toString()), first)
    assert.equal(fetch.requests.length, 1)
  })

  it('reads the empty folder of a page without comments', async () => {
    const empty = await makeFolder({})
    assert.equal(empty.root.toString(), 'bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354')
    const reader = new CommentReader({ gateways: [], blockstore: networkBlockstore(empty.blocks) })
    const read = await reader.read(PAGE, empty.root.toString())
    assert.deepEqual([read.comments, read.dropped], [[], []])
  })

  it('says so when neither a gateway nor a node can give the folder', async () => {
    const reader = new CommentReader({ gateways: [GATEWAY], fetch: fakeFetch({}) })
    await assert.rejects(reader.read(PAGE, folder.root.toString()), /no gateway sent the folder/)
  })
})
