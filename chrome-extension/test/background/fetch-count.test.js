import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { fetchCount } from '../../src/background/fetch-count.js'
import { CountUnavailableError } from '../../src/shared/errors.js'
import { json, startServer } from '../fixtures/http-server.js'

const HASH = 'f'.repeat(64)
let server

before(async () => {
  server = await startServer('127.0.62.1', req => {
    switch (req.url) {
      case `/${HASH}`: return json({ cid: 'bafkqaaa', count: 7 })
      case '/no-count': return json({ cid: 'bafkqaaa' })
      case '/negative': return json({ cid: 'bafkqaaa', count: -2 })
      case '/text': return { body: 'hello' }
      default: return json({ error: 'invalid urlHash' }, 400)
    }
  })
})
after(() => server.close())

describe('fetchCount', () => {
  test('reads the count from GET /{urlHash}', async () => {
    assert.equal(await fetchCount(server.origin, HASH), 7)
    assert.equal(server.requests.at(-1).headers.accept, 'application/json')
  })

  for (const [path, message] of [['no-count', /without a comment count/], ['negative', /without a comment count/], ['text', /did not answer JSON/], ['x', /answered HTTP 400/]]) {
    test(`a bad answer (${path}) is an expected error`, async () => {
      await assert.rejects(fetchCount(server.origin, path), err => err instanceof CountUnavailableError && message.test(err.message))
    })
  }
})
