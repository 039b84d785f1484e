'use strict'
// Fixes from a review of the simulator: each test failed before its fix.
const assert = require('assert')
const crypto = require('crypto')
const fs = require('fs')
const os = require('os')
const net = require('net')
const path = require('path')
const WebSocket = require('ws')
const { startSimulator } = require('../dist/simulator')
const { signer, get, units, fmt } = require('./support/binance')

const START = Date.UTC(2026, 0, 5, 12)
const ALICE = { apiKey: 'alice-0001', apiSecret: 'alice-secret', balances: { USDT: '1000000', ETH: '100' } }
const CAROL = { apiKey: 'carol-0003', apiSecret: 'carol-secret', balances: { USDT: '10000' } }
const BOB = { apiKey: 'bob-0002', apiSecret: 'bob-secret', balances: { USDT: '1000000', ETH: '100' } }

const manual = (extra = {}) => startSimulator({ clock: 'manual', startTime: START, tickMs: 0, accounts: [ALICE, BOB, CAROL], ...extra })
const depth = async (sim, symbol, limit = 5) => (await get(sim, '/api/v3/depth', { symbol, limit })).body

describe('simulator review fixes', function () {
  let sim
  afterEach(async () => { if (sim) await sim.close(); sim = undefined })

  describe('an order that clears the best level and rests', function () {
    let alice, bob
    beforeEach(async () => {
      sim = await manual()
      alice = signer(sim, ALICE)
      bob = signer(sim, BOB)
    })

    it('a BUY resting where the asks were is the best bid, and a SELL from another account at that price fills against it, even after the refill', async () => {
      const [[ask, qty]] = (await depth(sim, 'ETHUSDT', 1)).asks
      const buy = (await alice('POST', '/api/v3/order', { symbol: 'ETHUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', price: ask, quantity: fmt(units(qty) + units('0.5')) })).body
      assert.strictEqual(buy.status, 'PARTIALLY_FILLED')
      const after = await depth(sim, 'ETHUSDT', 1)
      assert.strictEqual(after.bids[0][0], ask, 'the remainder is the best bid')
      assert.ok(units(after.bids[0][1]) >= units('0.5'), 'the book shows the remainder')
      assert.ok(units(after.asks[0][0]) > units(ask), 'the book is not crossed')
      sim.advance(5000)
      const refilled = await depth(sim, 'ETHUSDT', 1)
      assert.ok(units(refilled.asks[0][0]) > units(refilled.bids[0][0]), 'still not crossed after the refill')

      const sell = (await bob('POST', '/api/v3/order', { symbol: 'ETHUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', price: ask, quantity: '0.5' })).body
      assert.strictEqual(sell.status, 'FILLED')
      const done = (await alice('GET', '/api/v3/order', { symbol: 'ETHUSDT', orderId: buy.orderId })).body
      assert.strictEqual(done.status, 'FILLED')
    })

    it('a SELL resting where the bids were is the best ask: LIMIT_MAKER BUY at it would take, and the flow fills it', async () => {
      const [[bid, qty]] = (await depth(sim, 'ETHUSDT', 1)).bids
      const sell = (await alice('POST', '/api/v3/order', { symbol: 'ETHUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', price: bid, quantity: fmt(units(qty) + units('0.5')) })).body
      assert.strictEqual(sell.status, 'PARTIALLY_FILLED')
      const after = await depth(sim, 'ETHUSDT', 1)
      assert.deepStrictEqual(after.asks[0][0], bid, 'the remainder is the best ask')
      assert.ok(units(after.bids[0][0]) < units(bid), 'the book is not crossed')
      const maker = await bob('POST', '/api/v3/order', { symbol: 'ETHUSDT', side: 'BUY', type: 'LIMIT_MAKER', price: bid, quantity: '0.1' })
      assert.strictEqual(maker.body.code, -2010, 'would take the resting SELL')
      const trades = sim.trade('ETHUSDT', 'BUY', '0.5')
      assert.deepStrictEqual(trades.map((t) => t.price), [bid])
      assert.strictEqual((await alice('GET', '/api/v3/order', { symbol: 'ETHUSDT', orderId: sell.orderId })).body.status, 'FILLED')
    })

    it('a BUY restored above the last price is the best bid again after a restart', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-review-'))
      try {
        await sim.close()
        sim = await manual({ stateDir: dir })
        alice = signer(sim, ALICE)
        const bids = (await depth(sim, 'ETHUSDT', 3)).bids
        sim.trade('ETHUSDT', 'SELL', fmt(units(bids[0][1]) + units(bids[1][1]) + units('0.01')))
        assert.strictEqual(sim.price('ETHUSDT'), bids[2][0])
        const buy = (await alice('POST', '/api/v3/order', { symbol: 'ETHUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', price: bids[0][0], quantity: '0.5' })).body
        assert.strictEqual(buy.status, 'NEW')
        await sim.close()
        sim = await manual({ stateDir: dir })
        bob = signer(sim, BOB)
        assert.strictEqual((await depth(sim, 'ETHUSDT', 1)).bids[0][0], bids[0][0])
        const sell = (await bob('POST', '/api/v3/order', { symbol: 'ETHUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'IOC', price: bids[0][0], quantity: '0.5' })).body
        assert.strictEqual(sell.status, 'FILLED')
        assert.strictEqual(sell.fills[0].price, bids[0][0])
      } finally {
        await sim.close()
        sim = undefined
        fs.rmSync(dir, { recursive: true, force: true })
      }
    })
  })

  describe('amending an order of an OTOCO pending pair', function () {
    let carol
    beforeEach(async () => {
      sim = await manual()
      sim.setPrice('ETHUSDT', '3000.00')
      carol = signer(sim, CAROL)
    })
    const order = (orderId) => carol('GET', '/api/v3/order', { symbol: 'ETHUSDT', orderId }).then((r) => r.body)
    const eth = () => sim.balances(CAROL.apiKey).ETH
    const OTOCO = {
      symbol: 'ETHUSDT', workingType: 'LIMIT', workingSide: 'BUY', workingPrice: '2990', workingQuantity: '1', workingTimeInForce: 'GTC',
      pendingSide: 'SELL', pendingQuantity: '0.9', pendingAboveType: 'LIMIT_MAKER', pendingAbovePrice: '3100', pendingBelowType: 'STOP_LOSS', pendingBelowStopPrice: '2900'
    }

    it('amends both orders of the placed pair and the funds they share: the other one firing never sells what was freed', async () => {
      const list = (await carol('POST', '/api/v3/orderList/otoco', OTOCO)).body
      const [, stop, maker] = list.orders
      sim.setPrice('ETHUSDT', '2980.00')
      assert.deepStrictEqual(eth(), { free: '0.09900000', locked: '0.90000000' })
      const amend = await carol('PUT', '/api/v3/order/amend/keepPriority', { symbol: 'ETHUSDT', orderId: maker.orderId, newQty: '0.1' })
      assert.strictEqual(amend.status, 200, JSON.stringify(amend.body))
      assert.deepStrictEqual([(await order(stop.orderId)).origQty, (await order(maker.orderId)).origQty], ['0.10000000', '0.10000000'])
      assert.deepStrictEqual(eth(), { free: '0.89900000', locked: '0.10000000' })
      const sold = await carol('POST', '/api/v3/order', { symbol: 'ETHUSDT', side: 'SELL', type: 'MARKET', quantity: '0.8' })
      assert.strictEqual(sold.body.status, 'FILLED')
      sim.setPrice('ETHUSDT', '2890.00')
      const fired = await order(stop.orderId)
      assert.deepStrictEqual([fired.status, fired.executedQty], ['FILLED', '0.10000000'])
      assert.deepStrictEqual(eth(), { free: '0.09900000', locked: '0.00000000' })
    })

    it('amends both orders of the pair while they are still pending', async () => {
      const list = (await carol('POST', '/api/v3/orderList/otoco', OTOCO)).body
      const [, stop, maker] = list.orders
      const amend = await carol('PUT', '/api/v3/order/amend/keepPriority', { symbol: 'ETHUSDT', orderId: stop.orderId, newQty: '0.5' })
      assert.strictEqual(amend.status, 200, JSON.stringify(amend.body))
      assert.deepStrictEqual([(await order(stop.orderId)).origQty, (await order(maker.orderId)).origQty], ['0.50000000', '0.50000000'])
      sim.setPrice('ETHUSDT', '2980.00')
      assert.deepStrictEqual(eth(), { free: '0.49900000', locked: '0.50000000' })
    })
  })

  describe('WebSocket upgrades', function () {
    const upgrade = (target) => new Promise((resolve, reject) => {
      const socket = net.connect(sim.port, sim.host, () => {
        socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`)
      })
      let text = ''
      socket.on('data', (chunk) => {
        text += chunk
        if (!text.includes('\r\n')) return
        resolve(text.split('\r\n')[0])
        socket.destroy()
      })
      socket.on('close', () => resolve(text))
      socket.on('error', reject)
    })

    it('a request line whose target is no URL is refused, and the server goes on', async () => {
      sim = await manual()
      assert.match(await upgrade('//'), /^HTTP\/1\.1 4\d\d /)
      assert.match(await upgrade('//x/ws/btcusdt@trade'), /^HTTP\/1\.1 4\d\d /)
      assert.strictEqual((await get(sim, '/api/v3/ping')).status, 200)
    })
  })

  describe('WebSocket pings', function () {
    const connect = (url, options) => new Promise((resolve, reject) => {
      const ws = new WebSocket(url, options)
      ws.once('open', () => resolve(ws))
      ws.once('error', reject)
    })
    const closedWithin = (ws, ms) => new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms)
      ws.once('close', () => { clearTimeout(timer); resolve(true) })
    })

    it('a connection that never answers a ping is closed once the first one has waited the pong timeout; one that answers stays', async () => {
      sim = await manual({ webSocket: { pingMs: 100, pongTimeoutMs: 400 } })
      const base = sim.url.replace('http', 'ws')
      const mute = await connect(`${base}/ws/btcusdt@trade`, { autoPong: false })
      const polite = await connect(`${base}/ws/btcusdt@trade`)
      assert.strictEqual(await closedWithin(mute, 2000), true, 'the mute client is disconnected')
      assert.strictEqual(polite.readyState, WebSocket.OPEN)
      polite.close()
    })
  })

  describe('WebSocket API sessions', function () {
    const session = (url) => new Promise((resolve, reject) => {
      const ws = new WebSocket(url)
      const waiting = new Map()
      ws.on('message', (data) => {
        const answer = JSON.parse(data.toString())
        waiting.get(answer.id)?.(answer)
      })
      ws.once('error', reject)
      let nextId = 1
      ws.once('open', () => resolve({
        ws,
        ask: (method, params) => new Promise((resolve) => {
          const id = nextId++
          waiting.set(id, resolve)
          ws.send(JSON.stringify({ id, method, ...(params ? { params } : {}) }))
        })
      }))
    })

    it('returnRateLimits: a parameter of every method, and a connection URL option that the parameter overrides', async () => {
      sim = await manual()
      const base = `${sim.url.replace('http', 'ws')}/ws-api/v3`
      const plain = await session(base)
      const hidden = await plain.ask('ping', { returnRateLimits: false })
      assert.deepStrictEqual([hidden.status, 'rateLimits' in hidden], [200, false])
      assert.strictEqual((await plain.ask('time')).rateLimits.length, 1)
      assert.strictEqual((await plain.ask('session.status')).result.returnRateLimits, true)
      const failed = await plain.ask('userDataStream.unsubscribe', { subscriptionId: 7, returnRateLimits: false })
      assert.deepStrictEqual([failed.status, 'rateLimits' in failed], [400, false])
      plain.ws.close()

      const quiet = await session(`${base}?returnRateLimits=false`)
      assert.strictEqual('rateLimits' in (await quiet.ask('time')), false)
      assert.strictEqual((await quiet.ask('time', { returnRateLimits: true })).rateLimits.length, 1)
      const status = await quiet.ask('session.status')
      assert.deepStrictEqual([status.result.returnRateLimits, 'rateLimits' in status], [false, false])
      quiet.ws.close()
    })

    it('an Ed25519 account restored from the state directory can log on', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-review-'))
      try {
        const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519')
        const ED = { apiKey: 'ed-restored', publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }), balances: { USDT: '10' } }
        sim = await manual({ stateDir: dir, accounts: [ED] })
        await sim.close()
        sim = await manual({ stateDir: dir })
        assert.ok(sim.accounts().some((a) => a.apiKey === ED.apiKey), 'the account is back')
        const api = await session(`${sim.url.replace('http', 'ws')}/ws-api/v3`)
        const params = { apiKey: ED.apiKey, timestamp: sim.now() }
        const payload = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join('&')
        params.signature = crypto.sign(null, Buffer.from(payload), privateKey).toString('base64')
        const logon = await api.ask('session.logon', params)
        assert.strictEqual(logon.status, 200, JSON.stringify(logon.error))
        assert.strictEqual(logon.result.apiKey, ED.apiKey)
        api.ws.close()
      } finally {
        await sim.close()
        sim = undefined
        fs.rmSync(dir, { recursive: true, force: true })
      }
    })

    it('recvWindow is checked as the REST API checks it: 0 is a window, decimals up to three, at most 60000', async () => {
      sim = await manual()
      const api = await session(`${sim.url.replace('http', 'ws')}/ws-api/v3`)
      const alice = signer(sim, ALICE)
      const subscribe = (recvWindow) => {
        const params = { apiKey: ALICE.apiKey, timestamp: sim.now(), recvWindow }
        const payload = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join('&')
        params.signature = crypto.createHmac('sha256', ALICE.apiSecret).update(payload).digest('hex')
        return api.ask('userDataStream.subscribe.signature', params)
      }
      const rest = (recvWindow) => alice('GET', '/api/v3/account', { recvWindow })
      for (const [recvWindow, code] of [[0, undefined], ['6000.5', undefined], [60001, -1102], ['6000.1234', -1100], [-1, -1100]]) {
        const ws = await subscribe(recvWindow)
        const http = await rest(recvWindow)
        assert.strictEqual(ws.error?.code, code, `WebSocket, recvWindow ${recvWindow}: ${JSON.stringify(ws.error)}`)
        assert.strictEqual(http.body.code, code, `REST, recvWindow ${recvWindow}: ${JSON.stringify(http.body.code)}`)
        if (!code) await api.ask('userDataStream.unsubscribe')
      }
      api.ws.close()
    })

    it('connectedSince is on the simulator clock, like serverTime', async () => {
      sim = await manual()
      const api = await session(`${sim.url.replace('http', 'ws')}/ws-api/v3`)
      sim.advance(1000)
      const status = (await api.ask('session.status')).result
      assert.deepStrictEqual([status.connectedSince, status.serverTime], [START, START + 1000])
      api.ws.close()
    })
  })

  describe('aggregate trades', function () {
    it('the trades of one taker at one price and time are one aggregate, in REST and on the stream; ids count up by one', async () => {
      sim = await manual()
      sim.advance(1000)
      const alice = signer(sim, ALICE)
      const bob = signer(sim, BOB)
      const [[ask, qty], [next]] = (await depth(sim, 'ETHUSDT', 2)).asks
      for (const who of [alice, bob]) {
        const o = await who('POST', '/api/v3/order', { symbol: 'ETHUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', price: ask, quantity: '0.1' })
        assert.strictEqual(o.body.status, 'NEW')
      }
      const stream = new WebSocket(`${sim.url.replace('http', 'ws')}/ws/ethusdt@aggTrade`)
      const events = []
      stream.on('message', (data) => events.push(JSON.parse(data.toString())))
      await new Promise((resolve) => stream.once('open', resolve))

      const trades = sim.trade('ETHUSDT', 'BUY', fmt(units(qty) + units('0.2') + units('0.01')))
      assert.deepStrictEqual(trades.map((t) => t.price), [ask, ask, ask, next], 'the market makers, alice, bob, then the next level')
      const aggs = (await get(sim, '/api/v3/aggTrades', { symbol: 'ETHUSDT', limit: 2 })).body
      const sum = fmt(units(qty) + units('0.2'))
      assert.deepStrictEqual(aggs.map((a) => [a.p, a.q, a.f, a.l, a.m]), [
        [ask, sum, trades[0].id, trades[2].id, false],
        [next, '0.01000000', trades[3].id, trades[3].id, false]
      ])
      assert.strictEqual(aggs[1].a, aggs[0].a + 1)
      assert.deepStrictEqual((await get(sim, '/api/v3/aggTrades', { symbol: 'ETHUSDT', fromId: aggs[0].a })).body, aggs)
      assert.deepStrictEqual((await get(sim, '/api/v3/aggTrades', { symbol: 'ETHUSDT', fromId: aggs[1].a })).body, [aggs[1]])
      assert.deepStrictEqual((await get(sim, '/api/v3/aggTrades', { symbol: 'ETHUSDT', startTime: START + 1000 })).body, aggs)
      assert.deepStrictEqual((await get(sim, '/api/v3/aggTrades', { symbol: 'ETHUSDT', limit: 1 })).body, [aggs[1]])
      const before = (await get(sim, '/api/v3/aggTrades', { symbol: 'ETHUSDT', fromId: aggs[0].a - 1, limit: 3 })).body
      assert.deepStrictEqual([before[0].a, before[0].f, before[0].l], [aggs[0].a - 1, trades[0].id - 1, trades[0].id - 1], 'the history before the start goes on below')
      assert.deepStrictEqual(before.slice(1), aggs)

      const deadline = Date.now() + 3000
      while (events.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
      assert.deepStrictEqual(events.map((e) => [e.a, e.p, e.q, e.f, e.l]), aggs.map((a) => [a.a, a.p, a.q, a.f, a.l]))
      stream.close()
    })
  })

  describe('kline stream', function () {
    it('names the first and last trade of the candle; -1 only for a candle without trades', async () => {
      sim = await manual()
      const [[, qty]] = (await depth(sim, 'ETHUSDT', 1)).asks
      const trades = sim.trade('ETHUSDT', 'BUY', fmt(units(qty) + units('0.01')))
      assert.strictEqual(trades.length, 2)
      const stream = new WebSocket(`${sim.url.replace('http', 'ws')}/ws/ethusdt@kline_1s`)
      const events = []
      stream.on('message', (data) => events.push(JSON.parse(data.toString()).k))
      await new Promise((resolve) => stream.once('open', resolve))
      const next = async (predicate) => {
        const deadline = Date.now() + 4000
        for (;;) {
          const found = events.find(predicate)
          if (found || Date.now() > deadline) return found
          await new Promise((resolve) => setTimeout(resolve, 20))
        }
      }
      const current = await next((k) => k.t === START)
      assert.deepStrictEqual([current.f, current.L, current.n], [trades[0].id, trades[trades.length - 1].id, trades.length])
      sim.advance(5000)
      const quiet = await next((k) => k.t === START + 5000)
      assert.deepStrictEqual([quiet.f, quiet.L, quiet.n], [-1, -1, 0])
      stream.close()
    })
  })

  describe('cancelReplace past the unfilled order count', function () {
    it('answers the HTTP status of rest-api.md\'s table for orderRateLimitExceededMode=CANCEL_ONLY', async () => {
      sim = await manual()
      sim.setPrice('ETHUSDT', '3000.00')
      const alice = signer(sim, ALICE)
      const order = () => alice('POST', '/api/v3/order', { symbol: 'ETHUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '3100' })
      const resting = []
      for (let i = 0; i < 100; i++) resting.push((await order()).body.orderId)
      assert.strictEqual((await order()).body.code, -1015, 'the 10 s order count is used up')
      const replace = (params) => alice('POST', '/api/v3/order/cancelReplace', {
        symbol: 'ETHUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '3100', orderRateLimitExceededMode: 'CANCEL_ONLY', ...params
      })
      const outcome = (res) => [res.status, res.body.code, res.body.data?.cancelResult, res.body.data?.newOrderResult]

      assert.deepStrictEqual(outcome(await replace({ cancelReplaceMode: 'STOP_ON_FAILURE', cancelOrderId: 999999 })), [429, -2022, 'FAILURE', 'NOT_ATTEMPTED'])
      assert.deepStrictEqual(outcome(await replace({ cancelReplaceMode: 'STOP_ON_FAILURE', cancelOrderId: resting[0] })), [429, -2021, 'SUCCESS', 'FAILURE'])
      assert.deepStrictEqual(outcome(await replace({ cancelReplaceMode: 'ALLOW_FAILURE', cancelOrderId: 999999 })), [400, -2022, 'FAILURE', 'FAILURE'])
      assert.deepStrictEqual(outcome(await replace({ cancelReplaceMode: 'ALLOW_FAILURE', cancelOrderId: resting[1] })), [409, -2021, 'SUCCESS', 'FAILURE'])
      const noRoom = await replace({ cancelReplaceMode: 'STOP_ON_FAILURE', cancelOrderId: resting[2], orderRateLimitExceededMode: 'DO_NOTHING' })
      assert.deepStrictEqual([noRoom.status, noRoom.body.code], [429, -1015])
    })
  })

  describe('book change tracking', function () {
    it('listens to the book\'s changes only while a depth diff or bookTicker stream is open', async () => {
      sim = await manual()
      assert.strictEqual(sim.feed.listenerCount('depth'), 0, 'nobody listens at start')
      const base = sim.url.replace('http', 'ws')
      const open = (path) => new Promise((resolve, reject) => {
        const ws = new WebSocket(`${base}${path}`)
        ws.once('open', () => resolve(ws))
        ws.once('error', reject)
      })
      const closed = (ws) => new Promise((resolve) => { ws.once('close', resolve); ws.close() })
      const settle = async (predicate) => {
        const deadline = Date.now() + 2000
        while (!predicate() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10))
      }
      const partial = await open('/ws/btcusdt@depth5/ethusdt@trade')
      assert.strictEqual(sim.feed.listenerCount('depth'), 0, 'partial books are read when due')
      const diff = await open('/ws/btcusdt@depth@100ms')
      const top = await open('/ws/ethusdt@bookTicker')
      assert.strictEqual(sim.feed.listenerCount('depth'), 1)
      await closed(diff)
      await settle(() => sim.ws.connections().length === 2)
      assert.strictEqual(sim.feed.listenerCount('depth'), 1, 'bookTicker still needs it')
      await closed(top)
      await settle(() => sim.ws.connections().length === 1)
      assert.strictEqual(sim.feed.listenerCount('depth'), 0)
      await closed(partial)
    })
  })

  describe('timing options', function () {
    it('refillMs: 0 means the market makers never refill, on either clock', async () => {
      sim = await manual({ refillMs: 0 })
      const [[ask, qty]] = (await depth(sim, 'ETHUSDT', 1)).asks
      sim.trade('ETHUSDT', 'BUY', qty)
      sim.advance(10000)
      assert.notStrictEqual((await depth(sim, 'ETHUSDT', 1)).asks[0][0], ask, 'the level taken stays empty')
      await sim.close()
      sim = await startSimulator({ refillMs: 0, tickMs: 0 })
      assert.strictEqual((await get(sim, '/api/v3/ping')).status, 200)
    })

    it('refuses a timing that is not a number of ms before it listens', async () => {
      for (const options of [{ refillMs: -1 }, { tickMs: NaN }, { webSocket: { pingMs: 0 } }, { webSocket: { pongTimeoutMs: -5 } }]) {
        await assert.rejects(startSimulator({ port: 0, ...options }), RangeError, JSON.stringify(options))
      }
    })
  })
})
