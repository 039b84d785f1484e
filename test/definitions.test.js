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

// Binance's own words, written out: the editor and the runtime both take their
// choices from nodes/lib/vocabulary.ts, so comparing the two with each other
// could not catch a wrong word there.
const BINANCE = {
  orderTypes: ['MARKET', 'LIMIT', 'LIMIT_MAKER', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'],
  orderLists: ['OCO', 'OTO', 'OTOCO'],
  // The working order of an OTO or OTOCO.
  workingTypes: ['LIMIT', 'LIMIT_MAKER'],
  timeInForce: ['GTC', 'IOC', 'FOK'],
  sides: ['BUY', 'SELL'],
  cancelReplaceModes: ['STOP_ON_FAILURE', 'ALLOW_FAILURE'],
  klineIntervals: ['1s', '1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1M'],
  depthSpeeds: ['1000ms', '100ms']
}
// The nodes' own words: GET /api/v3/ticker/price, ticker/bookTicker, ticker/24hr and avgPrice; the environments.
const PRICE_MODES = ['price', 'bookTicker', '24hr', 'avgPrice']
const ENVIRONMENTS = ['simulator', 'testnet', 'demo', 'live', 'custom']

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

  it('choices are Binance\'s words, in the editor and in the runtime', () => {
    const fields = new Map(ALL.flatMap((n) => n.rows.filter((r) => r.options).map((r) => [`${n.type}.${r.name}`, [...r.options]])))
    const expected = {
      'binance-spot-account.environment': ENVIRONMENTS,
      'binance-spot-price.mode': PRICE_MODES,
      'binance-spot-market.interval': BINANCE.klineIntervals,
      'binance-spot-stream.interval': BINANCE.klineIntervals,
      'binance-spot-stream.speed': BINANCE.depthSpeeds,
      'binance-spot-replace.orderType': BINANCE.orderTypes,
      'binance-spot-replace.side': BINANCE.sides,
      'binance-spot-replace.timeInForce': BINANCE.timeInForce,
      'binance-spot-replace.cancelReplaceMode': BINANCE.cancelReplaceModes
    }
    for (const side of ['buy', 'sell']) {
      Object.assign(expected, {
        [`binance-spot-${side}.orderType`]: [...BINANCE.orderTypes, ...BINANCE.orderLists],
        [`binance-spot-${side}.workingType`]: BINANCE.workingTypes,
        [`binance-spot-${side}.timeInForce`]: BINANCE.timeInForce,
        [`binance-spot-${side}.pendingType`]: BINANCE.orderTypes,
        [`binance-spot-${side}.pendingSide`]: ['OPPOSITE', ...BINANCE.sides],
        [`binance-spot-${side}.pendingTimeInForce`]: BINANCE.timeInForce
      })
    }
    for (const [field, words] of Object.entries(expected)) assert.deepStrictEqual(fields.get(field), words, field)

    // The runtime checks what a msg brings against the same lists.
    const runtime = (list) => [...list]
    assert.deepStrictEqual(runtime(vocabulary.ORDER_TYPES), [...BINANCE.orderTypes, ...BINANCE.orderLists])
    assert.deepStrictEqual(runtime(vocabulary.SINGLE_ORDER_TYPES), BINANCE.orderTypes)
    assert.deepStrictEqual(runtime(vocabulary.PENDING_TYPES), BINANCE.orderTypes)
    assert.deepStrictEqual(runtime(vocabulary.LIST_TYPES), ['OTO', 'OTOCO'])
    assert.deepStrictEqual(runtime(vocabulary.WORKING_TYPES), BINANCE.workingTypes)
    assert.deepStrictEqual(runtime(vocabulary.TIME_IN_FORCE), BINANCE.timeInForce)
    assert.deepStrictEqual(runtime(vocabulary.SIDES), BINANCE.sides)
    assert.deepStrictEqual(runtime(vocabulary.CANCEL_REPLACE_MODES), BINANCE.cancelReplaceModes)
    assert.deepStrictEqual(runtime(vocabulary.KLINE_INTERVALS), BINANCE.klineIntervals)
    assert.deepStrictEqual(runtime(vocabulary.PRICE_MODES), PRICE_MODES)
    assert.deepStrictEqual(runtime(vocabulary.ENVIRONMENTS).sort(), [...ENVIRONMENTS].sort())
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
