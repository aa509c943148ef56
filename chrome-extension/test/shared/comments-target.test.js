import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { clientPageUrl, commentsPageFor, refusalMessage } from '../../src/shared/comments-target.js'

describe('refusalMessage', () => {
  const cases = [
    ['chrome://extensions/', /^This is one of the browser's own pages \(chrome:\/\/\)\. These pages cannot have comments\./],
    ['edge://settings', /browser's own pages \(edge:\/\/\)/],
    ['file:///home/ada/notes.html', /^This is a file on your computer \(file:\/\/\)\. Files cannot have comments/],
    ['about:blank', /^This is a blank or built-in page \(about:blank\)\. These pages cannot have comments\./],
    ['chrome-extension://abc/options.html', /belongs to a browser extension/],
    ['data:text/html,hi', /no address of its own \(data:\)/],
    ['javascript:alert(1)', /no address of its own \(javascript:\)/],
    ['ftp://example.com/', /^Pages with ftp: addresses cannot have comments\./],
    ['not a url', /cannot be read as a web address/],
    [undefined, /^This is one of the browser's own pages \(such as chrome:\/\/ or about: pages\), whose address the browser keeps from extensions\./],
    ['', /browser keeps from extensions/]
  ]
  for (const [input, expected] of cases) {
    test(`${JSON.stringify(input)}`, () => {
      const message = refusalMessage(input)
      assert.match(message, expected)
      assert.ok(message.endsWith('Only web pages (addresses that start with https:// or http://) can have comments.'))
    })
  }
})

describe('clientPageUrl', () => {
  test('with only a urlHash, puts it in the fragment of the client URL and adds nothing else', () => {
    const hash = 'a'.repeat(64)
    assert.equal(clientPageUrl('https://comments-on-ipfs.github.io/', hash), `https://comments-on-ipfs.github.io/#${hash}`)
    assert.equal(clientPageUrl('http://127.0.0.1:4173/', hash), `http://127.0.0.1:4173/#${hash}`)
    assert.equal(clientPageUrl('https://example.org/comments/', hash), `https://example.org/comments/#${hash}`)
    assert.equal(clientPageUrl('https://example.org/comments/index.html', hash), `https://example.org/comments/index.html#${hash}`)
  })

  test('names the page after the hash, in the fragment only (no server sees it): the normalized URL and the tab\'s title', async () => {
    const page = 'https://news.example/2026/a-story?id=42&utm_source=feed#top'
    const { url, urlHash } = await commentsPageFor(page, 'https://comments.example/', 'A story: 100% & more')
    const opened = new URL(url)
    assert.equal(`${opened.origin}${opened.pathname}${opened.search}`, 'https://comments.example/', 'nothing of the page outside the fragment')
    assert.equal(opened.hash, `#${urlHash}?url=${encodeURIComponent('https://news.example/2026/a-story?id=42')}&title=${encodeURIComponent('A story: 100% & more')}`)
    for (const part of ['feed', 'top']) assert.ok(!url.includes(part), `no ${part}: tracking and the page's own fragment are dropped`)
    assert.equal((await commentsPageFor(page, 'https://comments.example/')).url, `https://comments.example/#${urlHash}?url=${encodeURIComponent('https://news.example/2026/a-story?id=42')}`, 'no title, none given')
  })
})
