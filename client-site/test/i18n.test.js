// The interface's languages (docs/adr/016-languages.md): which language is picked, English as the
// fallback, plurals by Intl.PluralRules (Arabic's six categories), placeholders, and that every
// catalog matches English key for key and placeholder for placeholder.
import { after, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { FALLBACK, LANGUAGES, direction, formatNumber, language, pickLanguage, placeholders, setLanguage, startLanguage, t } from '../src/i18n/index.js'
import en from '../src/i18n/en.js'
import { relativeTime } from '../src/ui/times.js'

const FSI = '\u2068'
const PDI = '\u2069'

after(() => setLanguage({ language: FALLBACK, locale: FALLBACK }))

describe('picking the language', () => {
  it('takes the first of the browser\'s languages whose language subtag has a catalog', () => {
    assert.deepEqual(pickLanguage(['fr-CA', 'de-AT', 'ar']), { language: 'de', locale: 'de-AT' })
    assert.deepEqual(pickLanguage(['ar-EG', 'en-US']), { language: 'ar', locale: 'ar-EG' })
    assert.deepEqual(pickLanguage(['ES']), { language: 'es', locale: 'es' })
    assert.deepEqual(pickLanguage(['en-GB', 'de']), { language: 'en', locale: 'en-GB' })
  })

  it('falls back to English when none is supported, or nothing usable is given', () => {
    assert.deepEqual(pickLanguage(['fr', 'ja-JP']), { language: 'en', locale: 'en' })
    assert.deepEqual(pickLanguage([]), { language: 'en', locale: 'en' })
    assert.deepEqual(pickLanguage(['not a tag!', '']), { language: 'en', locale: 'en' })
    assert.deepEqual(pickLanguage(undefined), { language: 'en', locale: 'en' })
  })

  it('puts the reader\'s own choice first, with the browser\'s region when it has one of that language', () => {
    assert.deepEqual(pickLanguage(['de-CH', 'ar'], 'ar'), { language: 'ar', locale: 'ar' })
    assert.deepEqual(pickLanguage(['en-US', 'de-CH'], 'de'), { language: 'de', locale: 'de-CH' })
    assert.deepEqual(pickLanguage(['de'], 'xx'), { language: 'de', locale: 'de' }, 'a stored choice that is no language is ignored')
  })

  it('marks the document with the language and its direction, the stored choice over the browser', () => {
    const root = {}
    const storage = { getItem: key => key === 'comments.language' ? 'ar' : null }
    startLanguage({ languages: ['de-DE'], storage, root })
    assert.deepEqual(root, { lang: 'ar', dir: 'rtl' })
    startLanguage({ languages: ['de-DE'], storage: { getItem () { throw new Error('storage refused') } }, root })
    assert.deepEqual(root, { lang: 'de-DE', dir: 'ltr' })
    assert.equal(language(), 'de')
    setLanguage({ language: FALLBACK, locale: FALLBACK })
  })

  it('knows which languages are right to left', () => {
    assert.equal(direction('ar'), 'rtl')
    for (const code of ['en', 'de', 'es']) assert.equal(direction(code), 'ltr')
  })
})

describe('messages', () => {
  const de = { language: 'de', locale: 'de' }
  const ar = { language: 'ar', locale: 'ar' }

  it('fills named placeholders, numbers in the locale\'s format', () => {
    assert.equal(t('page.updated', { time: '14:05' }), 'updated 14:05')
    assert.equal(t('composer.count', { count: 1234, max: 5000 }), '1,234 / 5,000')
    assert.equal(t('composer.count', { count: 1234, max: 5000 }, de), '1.234 / 5.000')
    assert.equal(t('composer.count', { count: 12, max: 64 }, ar), `${formatNumber(12, 'ar')} / ${formatNumber(64, 'ar')}`)
  })

  it('chooses plural forms by Intl.PluralRules', () => {
    assert.equal(t('thread.count', { count: 1 }), '1 comment')
    assert.equal(t('thread.count', { count: 3 }), '3 comments')
    assert.equal(t('thread.count', { count: 0 }), '0 comments')
    assert.equal(t('thread.count', { count: 1 }, de), '1 Kommentar')
    assert.equal(t('thread.count', { count: 2 }, de), '2 Kommentare')
  })

  it('uses all six plural categories of Arabic', () => {
    const n = count => formatNumber(count, 'ar')
    assert.equal(t('thread.count', { count: 0 }, ar), `${n(0)} تعليق`) // zero
    assert.equal(t('thread.count', { count: 1 }, ar), 'تعليق واحد') // one
    assert.equal(t('thread.count', { count: 2 }, ar), 'تعليقان') // two
    assert.equal(t('thread.count', { count: 3 }, ar), `${n(3)} تعليقات`) // few: 3 to 10
    assert.equal(t('thread.count', { count: 11 }, ar), `${n(11)} تعليقًا`) // many: 11 to 99
    assert.equal(t('thread.count', { count: 100 }, ar), `${n(100)} تعليق`) // other
  })

  it('isolates text put into a right-to-left sentence, so a URL keeps its order', () => {
    assert.equal(t('page.unreachable', { server: 'http://127.0.0.1:8080', error: 'timeout' }, ar),
      `تعذّر الوصول إلى ${FSI}http://127.0.0.1:8080${PDI} (${FSI}timeout${PDI})`)
    assert.equal(t('page.unreachable', { server: 'http://x', error: 'timeout' }), 'http://x could not be reached (timeout)', 'not in English')
  })

  it('shows English for a key a catalog lacks, and the key itself for one no catalog has', () => {
    const was = LANGUAGES.de.messages['thread.reply']
    delete LANGUAGES.de.messages['thread.reply']
    try {
      assert.equal(t('thread.reply', {}, de), 'Reply')
    } finally {
      LANGUAGES.de.messages['thread.reply'] = was
    }
    assert.equal(t('thread.reply', {}, de), 'Antworten')
    assert.equal(t('no.such.key'), 'no.such.key')
    assert.equal(t('thread.reply', {}, { language: 'fr', locale: 'fr' }), 'Reply', 'a language without a catalog reads English')
  })

  it('formats relative times in the page\'s locale', () => {
    const now = Date.UTC(2026, 10, 24, 12)
    setLanguage(de)
    try {
      assert.equal(relativeTime(now - 3 * 60e3, now), 'vor 3 Minuten')
      assert.equal(relativeTime(now - 5e3, now), 'gerade eben')
    } finally {
      setLanguage({ language: FALLBACK, locale: FALLBACK })
    }
    assert.equal(relativeTime(now - 5e3, now, 'ar'), 'الآن')
    assert.equal(relativeTime(now - 3 * 60e3, now), '3 minutes ago')
  })
})

describe('the catalogs', () => {
  for (const [code, { messages }] of Object.entries(LANGUAGES)) {
    it(`${code}: every key is in English, with no placeholder the English message lacks`, () => {
      for (const [key, message] of Object.entries(messages)) {
        assert.ok(Object.hasOwn(en, key), `${code} has "${key}", which English does not: a typo or a key English lost`)
        const english = placeholders(en[key])
        for (const name of placeholders(message)) {
          assert.ok(english.has(name), `${code} "${key}" uses {${name}}, which the English message does not fill`)
        }
      }
    })

    it(`${code}: each plural message has an "other" form and only the language's categories`, () => {
      const categories = new Set(new Intl.PluralRules(code).resolvedOptions().pluralCategories)
      for (const [key, message] of Object.entries(messages)) {
        if (typeof message === 'string') continue
        assert.equal(typeof en[key], 'object', `${code} "${key}" has plural forms, English has one message`)
        assert.ok(typeof message.other === 'string', `${code} "${key}" has no "other" form`)
        for (const form of Object.keys(message)) assert.ok(categories.has(form), `${code} "${key}": "${form}" is no plural category of ${code}`)
      }
    })
  }
})
