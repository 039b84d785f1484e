'use strict'
// The example flows (examples/*.json, shown by Node-RED under Import → Examples):
// each is checked for shape (no credentials, known node types, wires and account
// references that resolve, the editor properties of our nodes), then loaded into
// a real Node-RED runtime with the real core nodes and run on the embedded
// simulator: every inject button is clicked in file order, and every debug node
// downstream of it must receive a message while no error reaches a catch node.
const assert = require('assert')
const fs = require('fs')
const path = require('path')
const { helper, dist } = require('./support/harness')
const nodeRed = require('./support/node-red')

const EXAMPLES = path.join(__dirname, '..', 'examples')
const FILES = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort()

const definitions = require('../scripts/lib/definitions')

const NODE_FILES = definitions.load()
const OUR_MODULES = NODE_FILES.map((f) => require(path.join(dist, f.file)))
const OUR_NODES = new Map(NODE_FILES.flatMap((f) => f.nodes).map((n) => [n.type, n]))

// Core nodes the examples may use, by type, with the file that defines each.
const CORE_FILES = {
  inject: 'common/20-inject.js',
  debug: 'common/21-debug.js',
  comment: 'common/90-comment.js',
  catch: 'common/25-catch.js',
  status: 'common/25-status.js',
  complete: 'common/24-complete.js',
  junction: 'common/05-junction.js',
  'link in': 'common/60-link.js',
  'link out': 'common/60-link.js',
  change: 'function/15-change.js',
  switch: 'function/10-switch.js',
  function: 'function/10-function.js',
  delay: 'function/89-delay.js',
  trigger: 'function/89-trigger.js',
  template: 'function/80-template.js'
}
const FLOW_OBJECTS = ['tab', 'group']
const LAYOUT = ['id', 'type', 'z', 'g', 'name', 'account', 'x', 'y', 'w', 'h', 'wires', 'info']

const isOurs = (type) => type.startsWith('binance-spot-')
const readFlow = (file) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'))

function findKey (value, key, where = '') {
  if (value === null || typeof value !== 'object') return undefined
  for (const [k, v] of Object.entries(value)) {
    if (k === key) return `${where}.${k}`
    const inner = findKey(v, key, `${where}.${k}`)
    if (inner) return inner
  }
  return undefined
}

/** Debug nodes reachable from `id` by following wires (through any node). */
function debugNodesDownstream (flow, id) {
  const byId = new Map(flow.map((n) => [n.id, n]))
  const seen = new Set([id])
  const queue = [id]
  const found = []
  while (queue.length) {
    const node = byId.get(queue.shift())
    for (const target of (node.wires || []).flat()) {
      if (seen.has(target)) continue
      seen.add(target)
      if (byId.get(target).type === 'debug') found.push(target)
      queue.push(target)
    }
  }
  return found
}

describe('example flows', function () {
  it('there are examples besides the demo, named as Node-RED shows them in the menu', () => {
    for (const expected of ['market-data.json', 'limit-order-status-cancel.json', 'dollar-cost-averaging.json', 'oco-after-market-buy.json', 'balances-and-sessions.json', 'cancel-all-and-open-orders.json', 'demo-simulator.json', 'live-ticker.json', 'local-order-book.json', 'order-fills.json', 'oto-buy-low-then-take-profit.json', 'replace-move-and-amend.json']) {
      assert.ok(FILES.includes(expected), `examples/${expected} is missing`)
    }
    for (const file of FILES) assert.match(file, /^[a-z0-9]+(-[a-z0-9]+)*\.json$/, `${file}: use lower-case words joined by -`)
  })

  it('node ids are unique across all examples, so that importing several never collides', () => {
    const owner = new Map()
    for (const file of FILES) {
      for (const n of readFlow(file)) {
        assert.ok(!owner.has(n.id), `id ${n.id} is in both ${owner.get(n.id)} and ${file}`)
        owner.set(n.id, file)
      }
    }
  })

  for (const file of FILES) {
    describe(file, function () {
      it('is a well-formed flow: no credentials, known types, resolvable wires and accounts', () => {
        const flow = readFlow(file)
        assert.ok(Array.isArray(flow) && flow.length > 0, 'a flow file is a non-empty array of nodes')
        const where = findKey(flow, 'credentials')
        assert.strictEqual(where, undefined, `an example must never carry credentials (found at ${where})`)

        const byId = new Map()
        for (const n of flow) {
          assert.ok(typeof n.id === 'string' && n.id, 'every node has an id')
          assert.ok(!byId.has(n.id), `duplicate id ${n.id}`)
          byId.set(n.id, n)
        }
        const tabs = flow.filter((n) => n.type === 'tab')
        assert.strictEqual(tabs.length, 1, 'one tab per example')
        assert.ok(flow.some((n) => n.type === 'comment' && n.z === tabs[0].id && n.name), 'a comment says what to click')

        for (const n of flow) {
          assert.ok(isOurs(n.type) ? OUR_NODES.has(n.type) : n.type in CORE_FILES || FLOW_OBJECTS.includes(n.type),
            `${n.id}: type ${n.type} is neither ours nor a Node-RED core node`)
          if (n.type === 'binance-spot-account') {
            assert.strictEqual(n.z, undefined, `${n.id}: a config node belongs to no tab`)
            assert.strictEqual(n.environment, 'simulator', `${n.id}: examples run on the simulator`)
            continue
          }
          if (FLOW_OBJECTS.includes(n.type)) continue
          assert.ok(byId.get(n.z)?.type === 'tab', `${n.id}: z must name the tab of this file`)
          assert.ok(Number.isFinite(n.x) && Number.isFinite(n.y), `${n.id}: has a position`)
          assert.ok(Array.isArray(n.wires), `${n.id}: has wires`)
          for (const target of n.wires.flat()) assert.ok(byId.has(target), `${n.id}: wire to missing node ${target}`)
          if (n.type === 'inject') assert.strictEqual(n.once, false, `${n.id}: no example trades or asks on deploy`)
          if (isOurs(n.type)) {
            assert.ok('account' in n, `${n.id}: has an account property`)
            if (n.account) assert.strictEqual(byId.get(n.account)?.type, 'binance-spot-account', `${n.id}: account ${n.account} is not an account node of this file`)
            assert.ok(typeof n.name === 'string', `${n.id}: has a name property`)
          }
        }
        for (const n of flow.filter((x) => x.type === 'catch')) {
          assert.ok(n.wires.flat().some((t) => byId.get(t).type === 'debug'), `${n.id}: a catch node shows the error in a debug node`)
        }
      })

      it('uses exactly the editor properties its node definitions declare', () => {
        for (const n of readFlow(file).filter((x) => isOurs(x.type))) {
          const properties = definitions.properties(OUR_NODES.get(n.type))
          // A flow saved before TypedInput, or before a field was added, lacks those properties and reads as their default.
          for (const p of properties.filter((p) => !p.typeOf && !(p.field && p.field.since))) {
            assert.ok(p.name in n, `${n.id} (${n.type}): property ${p.name} is missing`)
          }
          for (const key of Object.keys(n)) {
            assert.ok(properties.some((p) => p.name === key) || LAYOUT.includes(key), `${n.id} (${n.type}): unknown property ${key}`)
          }
          for (const { field } of properties.filter((p) => p.field && p.field.options && p.field.name in n)) {
            const type = n[definitions.typeProperty(field.name)]
            if (definitions.LOOKED_UP_TYPES.includes(type)) continue
            // An empty choice saved before TypedInput reads msg.<field>; so does one whose default is empty (a replace node's side).
            const allowed = field.kind === 'choice' && (!type || field.default === '') ? [...field.options, ''] : field.options
            assert.ok(allowed.includes(n[field.name]), `${n.id}: ${field.name} "${n[field.name]}" is not one of ${allowed.join(', ')}`)
          }
        }
      })
    })
  }

  describe('run on the embedded simulator', function () {
    this.timeout(30000)

    const { stopEmbeddedSimulator } = require(path.join(dist, 'lib', 'environments'))
    // A fresh demo account: no orders left open by other tests that used the simulator environment.
    before(() => stopEmbeddedSimulator())
    afterEach(() => helper.unload())
    after(() => stopEmbeddedSimulator())

    for (const file of FILES) {
      it(`${file}: every button reaches every debug node after it, and no error reaches a catch node`, async function () {
        const flow = readFlow(file)
        const types = new Set(flow.map((n) => n.type))
        const core = [...new Set([...types].filter((t) => CORE_FILES[t]).map((t) => nodeRed.coreNode(CORE_FILES[t])))].map((f) => require(f))
        await helper.load([...OUR_MODULES, ...core], flow)

        const errorDebugs = new Set(flow.filter((n) => n.type === 'catch').flatMap((n) => debugNodesDownstream(flow, n.id)))
        const injects = flow.filter((n) => n.type === 'inject')
        assert.ok(injects.length > 0, 'an example has a button to click')

        for (const inject of injects) {
          const expected = debugNodesDownstream(flow, inject.id).filter((id) => !errorDebugs.has(id))
          assert.ok(expected.length > 0, `${inject.id}: shows its result in a debug node`)
          const received = await clickAndWait(inject, expected, [...errorDebugs], 12000)
          for (const id of expected) assert.ok(received.get(id), `${inject.id} → ${id}: no message`)
          checkPayloads(file, inject.id, received)
        }
      })
    }
  })
})

/**
 * Clicks an inject node; resolves with the first msg each expected debug node got,
 * rejects as soon as a catch node's debug node gets an error.
 */
function clickAndWait (inject, expected, errorDebugs, timeoutMs) {
  return new Promise((resolve, reject) => {
    const received = new Map()
    const listeners = []
    const listen = (id, fn) => {
      const node = helper.getNode(id)
      assert.ok(node, `debug node ${id} did not start`)
      node.on('input', fn)
      listeners.push([node, fn])
    }
    const finish = (err) => {
      clearTimeout(timer)
      for (const [node, fn] of listeners) node.removeListener('input', fn)
      if (err) reject(err)
      else resolve(received)
    }
    const timer = setTimeout(() => {
      const missing = expected.filter((id) => !received.has(id))
      finish(new Error(`${inject.id} ("${inject.name}"): no message within ${timeoutMs} ms at ${missing.join(', ')}`))
    }, timeoutMs)
    for (const id of errorDebugs) {
      listen(id, (msg) => {
        const e = msg.error || {}
        finish(new Error(`${inject.id} ("${inject.name}"): ${e.source ? e.source.id : '?'} failed: ${e.code} ${e.message} ${JSON.stringify(e.cause || {})}`))
      })
    }
    for (const id of expected) {
      listen(id, (msg) => {
        if (!received.has(id)) received.set(id, JSON.parse(JSON.stringify(msg)))
        if (expected.every((x) => received.has(x))) setImmediate(() => finish())
      })
    }
    helper.getNode(inject.id).receive({})
  })
}

/** A few checks that the examples do what their comments say. */
function checkPayloads (file, injectId, received) {
  const payload = (id) => received.get(id)?.payload
  const openIds = (list) => list.map((o) => o.orderId)
  switch (`${file}#${injectId}`) {
    case 'market-data.json#mkt-inject-list':
      assert.deepStrictEqual(payload('mkt-debug-list').map((p) => p.symbol), ['BTCUSDT', 'ETHUSDT', 'BNBUSDT'])
      break
    case 'market-data.json#mkt-inject-klines':
      assert.strictEqual(payload('mkt-debug-klines').length, 24)
      break
    case 'market-data.json#mkt-inject-depth':
      assert.strictEqual(payload('mkt-debug-depth').bids.length, 10)
      assert.strictEqual(payload('mkt-debug-depth').asks.length, 10)
      break
    case 'limit-order-status-cancel.json#lim-inject-place': {
      const order = payload('lim-debug-placed')
      assert.strictEqual(order.type, 'LIMIT')
      assert.strictEqual(order.status, 'NEW')
      assert.strictEqual(payload('lim-debug-status').orderId, order.orderId)
      assert.ok(openIds(payload('lim-debug-open')).includes(order.orderId))
      break
    }
    case 'limit-order-status-cancel.json#lim-inject-cancel': {
      const cancelled = payload('lim-debug-cancelled')
      assert.strictEqual(cancelled.status, 'CANCELED')
      assert.ok(payload('lim-debug-history').some((o) => o.orderId === cancelled.orderId && o.status === 'CANCELED'))
      break
    }
    case 'dollar-cost-averaging.json#dca-inject':
      assert.strictEqual(payload('dca-debug-bought').status, 'FILLED')
      assert.ok(Number(payload('dca-debug-bought').cummulativeQuoteQty) <= 50)
      break
    case 'oco-after-market-buy.json#oco-inject-buy':
      assert.strictEqual(payload('oco-debug-bought').status, 'FILLED')
      assert.strictEqual(payload('oco-debug-oco').orders.length, 2)
      break
    case 'balances-and-sessions.json#bal-inject-session':
      assert.strictEqual(typeof received.get('bal-debug-client').clientId, 'string')
      assert.strictEqual(payload('bal-debug-one').asset, 'BTC')
      assert.ok(Array.isArray(payload('bal-debug-all')) && payload('bal-debug-all').length >= 4)
      break
    case 'balances-and-sessions.json#bal-inject-direct':
      assert.strictEqual(payload('bal-debug-direct').asset, 'USDT')
      break
    case 'cancel-all-and-open-orders.json#all-inject-place':
      assert.ok(payload('all-debug-open-1').length >= 2)
      break
    case 'live-ticker.json#tick-inject-add':
      assert.strictEqual(payload('tick-debug-ticker').e, '24hrMiniTicker')
      assert.match(received.get('tick-debug-price').topic, /^(btc|eth)usdt@miniTicker$/)
      break
    case 'local-order-book.json#book-inject-add': {
      const book = payload('book-debug-book')
      assert.deepStrictEqual(Object.keys(book), ['symbol', 'lastUpdateId', 'bids', 'asks'])
      assert.ok(book.bids.length === 5 && book.asks.length === 5)
      assert.ok(Number(payload('book-debug-spread').spread) > 0)
      break
    }
    case 'order-fills.json#fill-inject-buy':
      assert.strictEqual(payload('fill-debug-placed').status, 'FILLED')
      break
    case 'oto-buy-low-then-take-profit.json#oto-inject-place': {
      const list = payload('oto-debug-list')
      assert.strictEqual(list.contingencyType, 'OTO')
      assert.deepStrictEqual(list.orderReports.map((r) => [r.side, r.type, r.status]), [['BUY', 'LIMIT', 'NEW'], ['SELL', 'LIMIT', 'PENDING_NEW']])
      assert.strictEqual(list.orderReports[1].origQty, '0.00199000')
      break
    }
    case 'oto-buy-low-then-take-profit.json#oto-inject-open':
      assert.deepStrictEqual(payload('oto-debug-open').filter((o) => o.orderListId >= 0).map((o) => o.status).sort(), ['NEW', 'PENDING_NEW'])
      break
    case 'replace-move-and-amend.json#rep-inject': {
      const placed = payload('rep-debug-placed')
      const moved = payload('rep-debug-moved')
      assert.deepStrictEqual([moved.cancelResponse.orderId, moved.cancelResponse.status, moved.newOrderResponse.status], [placed.orderId, 'CANCELED', 'NEW'])
      const amended = payload('rep-debug-amended').amendedOrder
      assert.deepStrictEqual([amended.orderId, amended.qty], [moved.newOrderResponse.orderId, '0.00100000'])
      assert.deepStrictEqual([payload('rep-debug-cancelled').orderId, payload('rep-debug-cancelled').status], [amended.orderId, 'CANCELED'])
      break
    }
    case 'cancel-all-and-open-orders.json#all-inject-cancel':
      assert.ok(payload('all-debug-cancelled').length >= 2)
      assert.deepStrictEqual(payload('all-debug-open-2'), [])
      break
  }
}
