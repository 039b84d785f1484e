'use strict'
// The message catalogues and help files: every language has the same files and
// the same keys as en-US, with the same __parameters__ in each text; en-US has
// every key the node definitions need and none they do not.
const assert = require('assert')
const fs = require('fs')
const path = require('path')
const definitions = require('../scripts/lib/definitions')

const LOCALES = path.join(__dirname, '..', 'locales')
const LANGUAGES = fs.readdirSync(LOCALES).sort()
const NODE_FILES = definitions.load()

const readJson = (lang, file) => JSON.parse(fs.readFileSync(path.join(LOCALES, lang, file), 'utf8'))

/** key path → text, with i18next's _one/_other plural forms kept as keys of their own. */
function flatten (value, prefix = '', out = {}) {
  for (const [key, inner] of Object.entries(value)) {
    if (inner && typeof inner === 'object') flatten(inner, `${prefix}${key}.`, out)
    else out[prefix + key] = inner
  }
  return out
}

const parameters = (text) => [...String(text).matchAll(/__(\w+)__/g)].map((m) => m[1]).sort()
const helpBlocks = (html) => [...html.matchAll(/data-help-name="([^"]+)"/g)].map((m) => m[1])

describe('catalogues and help', function () {
  it('en-US is there, with a catalogue and a help file for every node file', () => {
    assert.ok(LANGUAGES.includes('en-US'))
    for (const f of NODE_FILES) {
      assert.ok(fs.existsSync(path.join(LOCALES, 'en-US', `${f.file}.json`)), `${f.file}.json`)
      assert.deepStrictEqual(helpBlocks(fs.readFileSync(path.join(LOCALES, 'en-US', `${f.file}.html`), 'utf8')), f.nodes.map((n) => n.type), `${f.file}.html`)
    }
  })

  for (const lang of LANGUAGES.filter((l) => l !== 'en-US')) {
    describe(lang, function () {
      it('has the same files as en-US', () => {
        assert.deepStrictEqual(fs.readdirSync(path.join(LOCALES, lang)).sort(), fs.readdirSync(path.join(LOCALES, 'en-US')).sort())
      })

      it('has every key of en-US and no other, each text with the same parameters', () => {
        for (const file of fs.readdirSync(path.join(LOCALES, 'en-US')).filter((f) => f.endsWith('.json'))) {
          const english = flatten(readJson('en-US', file))
          const own = flatten(readJson(lang, file))
          assert.deepStrictEqual(Object.keys(own).sort(), Object.keys(english).sort(), `${lang}/${file}: keys`)
          for (const key of Object.keys(english)) {
            assert.deepStrictEqual(parameters(own[key]), parameters(english[key]), `${lang}/${file}: ${key} parameters`)
            assert.ok(String(own[key]).trim(), `${lang}/${file}: ${key} is empty`)
          }
        }
      })

      it('has help for the same node types, with the generated parts in place', () => {
        for (const f of NODE_FILES) {
          const english = fs.readFileSync(path.join(LOCALES, 'en-US', `${f.file}.html`), 'utf8')
          const own = fs.readFileSync(path.join(LOCALES, lang, `${f.file}.html`), 'utf8')
          assert.deepStrictEqual(helpBlocks(own), helpBlocks(english), `${lang}/${f.file}.html`)
          for (const marker of ['<!-- inputs -->', '<!-- errors -->']) {
            assert.strictEqual(own.split(marker).length, english.split(marker).length, `${lang}/${f.file}.html: ${marker}`)
          }
        }
      })
    })
  }

  it('en-US has every editor and help text the definitions need, and nothing else in the node catalogues', () => {
    const common = flatten(readJson('en-US', 'common.json'))
    for (const f of NODE_FILES) {
      const own = flatten(readJson('en-US', `${f.file}.json`))
      const has = (key) => (key.startsWith('common.') ? key in common : `${f.file}.${key}` in own)
      const used = new Set()
      for (const node of f.nodes) {
        for (const key of definitions.editorKeys(node)) {
          assert.ok(has(key), `${f.file}: ${key} is missing`)
          used.add(key)
        }
        const { inputs, errors } = definitions.helpItems(node)
        for (const input of inputs) {
          const key = `help.inputs.${input.name}`
          assert.ok(has(key) || `common.${key}` in common, `${f.file}: help text for input ${input.name}`)
          used.add(key)
        }
        for (const code of errors) {
          assert.ok(has(`help.errors.${code}`) || `common.help.errors.${code}` in common, `${f.file}: help text for ${code}`)
          used.add(`help.errors.${code}`)
        }
      }
      const unused = Object.keys(own).map((k) => k.slice(f.file.length + 1)).filter((k) => !used.has(k))
      assert.deepStrictEqual(unused, [], `${f.file}.json has texts nothing uses`)
    }
  })
})
