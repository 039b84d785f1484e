'use strict'
// The node definitions (editor/nodes/) are the one source of each node's editor,
// catalogue keys, help tables and docs. These checks tie them to the rest: the
// package's node list, the types the runtime registers, the icons, the runtime's
// vocabulary, and editor files the Flow Library's parser can read.
const assert = require('assert')
const fs = require('fs')
const path = require('path')
const acorn = require('acorn')
const definitions = require('../scripts/lib/definitions')

const root = path.join(__dirname, '..')
const pkg = require('../package.json')
const NODE_FILES = definitions.load()
const ALL = NODE_FILES.flatMap((f) => f.nodes)
const vocabulary = require(path.join(definitions.dist, 'nodes', 'lib', 'vocabulary.js'))

/** The types a runtime node file registers, with a stand-in for RED. */
function registeredTypes (file) {
  const types = []
  const RED = {
    nodes: { registerType: (type) => types.push(type), createNode () {}, getNode () {}, getCredentials () {} },
    httpAdmin: { get () {}, post () {} },
    auth: { needsPermission: () => (req, res, next) => next() },
    log: { info () {}, warn () {} },
    util: {},
    _: (key) => key
  }
  require(path.join(definitions.dist, 'nodes', `${file}.js`))(RED)
  return types
}

/**
 * What the Flow Library (and node-red-dev) reads from an editor file: each
 * <script type="text/javascript"> is parsed, and every registerType call must
 * have a literal type and an object literal whose defaults, icon, color,
 * category, inputs and outputs are written out.
 */
function parsedTypes (html) {
  const found = {}
  const scripts = [...html.matchAll(/<script.+?type=['"]text\/javascript['"].*?>([\S\s]*?)<\/script>/ig)].map((m) => m[1])
  assert.ok(scripts.length > 0, 'no <script type="text/javascript"> block')
  for (const script of scripts) {
    const walk = (node) => {
      if (!node || typeof node.type !== 'string') return
      if (node.type === 'CallExpression' && node.callee.property && node.callee.property.name === 'registerType') {
        const [type, def] = node.arguments
        assert.strictEqual(type.type, 'Literal', 'registerType with a literal type name')
        assert.strictEqual(def.type, 'ObjectExpression', `${type.value}: registerType with an object literal`)
        const props = Object.fromEntries(def.properties.map((p) => [p.key.name, p.value]))
        assert.strictEqual(props.defaults.type, 'ObjectExpression', `${type.value}: defaults written out`)
        for (const name of ['icon', 'color', 'category', 'inputs', 'outputs']) {
          if (props[name]) assert.strictEqual(props[name].type, 'Literal', `${type.value}: ${name} is a literal`)
        }
        found[type.value] = { defaults: props.defaults.properties.map((p) => p.key.name), icon: props.icon && props.icon.value, category: props.category.value }
      }
      for (const value of Object.values(node)) {
        if (Array.isArray(value)) value.forEach(walk)
        else if (value && typeof value === 'object') walk(value)
      }
    }
    walk(acorn.parse(script, { ecmaVersion: 'latest' }))
  }
  return found
}

describe('node definitions', function () {
  it('package.json lists exactly the node files that have definitions', () => {
    assert.deepStrictEqual(Object.values(pkg['node-red'].nodes).sort(), NODE_FILES.map((f) => `dist/nodes/${f.file}.js`).sort())
    for (const f of NODE_FILES) assert.ok(fs.existsSync(path.join(root, 'nodes', `${f.file}.ts`)), `nodes/${f.file}.ts`)
  })

  it('each runtime node file registers exactly the types its definition describes', () => {
    for (const f of NODE_FILES) assert.deepStrictEqual(registeredTypes(f.file).sort(), f.nodes.map((n) => n.type).sort(), f.file)
  })

  it('every node has an icon of its own in icons/, except the config node', () => {
    const icons = ALL.filter((n) => !n.config).map((n) => n.icon)
    assert.strictEqual(new Set(icons).size, icons.length, 'two nodes share an icon')
    for (const icon of icons) assert.match(fs.readFileSync(path.join(root, 'icons', icon), 'utf8'), /^<svg [^>]*viewBox="0 0 40 60"/, icon)
  })

  it('choices are the runtime\'s own words', () => {
    const fields = new Map(ALL.flatMap((n) => n.rows.filter((r) => r.options).map((r) => [`${n.type}.${r.name}`, r.options])))
    assert.deepStrictEqual([...fields.get('binance-spot-account.environment')].sort(), [...vocabulary.ENVIRONMENTS].sort())
    assert.deepStrictEqual(fields.get('binance-spot-buy.orderType'), vocabulary.ORDER_TYPES)
    assert.deepStrictEqual(fields.get('binance-spot-sell.timeInForce'), vocabulary.TIME_IN_FORCE)
    assert.deepStrictEqual(fields.get('binance-spot-market.interval'), vocabulary.KLINE_INTERVALS)
    assert.deepStrictEqual(fields.get('binance-spot-price.mode'), vocabulary.PRICE_MODES)
  })

  it('the built editor files register every type literally, with the properties the definitions declare', () => {
    for (const f of NODE_FILES) {
      const parsed = parsedTypes(fs.readFileSync(path.join(definitions.dist, 'nodes', `${f.file}.html`), 'utf8'))
      assert.deepStrictEqual(Object.keys(parsed).sort(), f.nodes.map((n) => n.type).sort(), f.file)
      for (const node of f.nodes) {
        assert.deepStrictEqual(parsed[node.type].defaults, definitions.properties(node).map((p) => p.name), node.type)
        assert.strictEqual(parsed[node.type].category, node.config ? 'config' : 'Binance')
        if (!node.config) assert.strictEqual(parsed[node.type].icon, node.icon)
      }
    }
  })

  it('docs/NODE-PROPERTIES.md is current (npm run docs rewrites it)', () => {
    const { document, TARGET } = require('../scripts/docs')
    assert.strictEqual(fs.readFileSync(TARGET, 'utf8'), document())
  })

  it('every value field stores its TypedInput type beside it', () => {
    for (const node of ALL) {
      for (const field of node.rows.filter(definitions.isValueField)) {
        const type = definitions.properties(node).find((p) => p.typeOf === field.name)
        assert.ok(type, `${node.type}.${field.name}`)
        assert.strictEqual(type.name, field.name === 'amount' ? 'amountValueType' : `${field.name}Type`)
      }
    }
  })
})
