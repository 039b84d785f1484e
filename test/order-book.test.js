'use strict'
// The orderBook stream type keeps a local book from the diff stream and a REST
// snapshot as Binance's guide says. The book here is a model the test owns: its
// changes go out on the simulator's diff stream (through sim.feed), and a small
// REST stub answers GET /api/v3/depth from the same model, late, so that the
// node has to buffer, drop what the snapshot already holds and join the two.
const assert = require('assert')
const http = require('http')
const { helper, startTestSimulator, accountNode, load } = require('./support/harness')
const { fastStreams, collect, collectErrors, waitFor, sleep, serverStreams } = require('./support/streams')

class ModelBook {
  constructor (seed) {
    this.state = seed
    this.id = 5000
    this.bids = new Map()
    this.asks = new Map()
    for (let i = 0; i < 60; i++) {
      this.bids.set((9999 - i * 2) / 100, this.qty())
      this.asks.set((10001 + i * 2) / 100, this.qty())
    }
  }

  random () {
    this.state = (this.state * 1103515245 + 12345) % 2147483648
    return this.state / 2147483648
  }

  qty () {
    return (1 + Math.floor(this.random() * 99999) / 1000).toFixed(3)
  }

  /** One mutation: a level set, added or removed; bids stay below 100, asks above. */
  change () {
    const bid = this.random() < 0.5
    const cents = Math.floor(this.random() * 150)
    const price = bid ? (10000 - 1 - cents) / 100 : (10000 + 1 + cents) / 100
    const side = bid ? this.bids : this.asks
    const qty = this.random() < 0.3 ? '0' : this.qty()
    if (qty === '0') side.delete(price)
    else side.set(price, qty)
    this.id++
    return { bid, level: [price.toFixed(2), qty] }
  }

  /** A DepthUpdate of `count` mutations, as the engine publishes it on the feed. */
  update (count) {
    const first = this.id + 1
    const bids = []
    const asks = []
    for (let i = 0; i < count; i++) {
      const { bid, level } = this.change()
      ;(bid ? bids : asks).push(level)
    }
    return { symbol: 'BTCUSDT', time: Date.now(), firstUpdateId: first, lastUpdateId: this.id, bids, asks }
  }

  top (n) {
    const side = (map, desc) => [...map].sort((a, b) => (desc ? b[0] - a[0] : a[0] - b[0])).slice(0, n).map(([p, q]) => ({ price: p.toFixed(2), quantity: q }))
    return { bids: side(this.bids, true), asks: side(this.asks, false) }
  }

  snapshot (limit) {
    const side = (map, desc) => [...map].sort((a, b) => (desc ? b[0] - a[0] : a[0] - b[0])).slice(0, limit).map(([p, q]) => [p.toFixed(2), q])
    return { lastUpdateId: this.id, bids: side(this.bids, true), asks: side(this.asks, false) }
  }
}

/** GET /api/v3/depth from the model, taken when the request arrives and answered `delayMs` later. */
function depthStub (model, delayMs) {
  const requests = []
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://stub')
    if (url.pathname !== '/api/v3/depth') {
      res.writeHead(404).end()
      return
    }
    requests.push(url.searchParams.get('limit'))
    const body = JSON.stringify(model.snapshot(Number(url.searchParams.get('limit'))))
    setTimeout(() => res.writeHead(200, { 'Content-Type': 'application/json' }).end(body), delayMs)
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}`, requests, close: () => new Promise((r) => { server.closeAllConnections(); server.close(r) }) })))
}

describe('stream node: local order book', function () {
  this.timeout(20000)
  let sim
  fastStreams()
  before(async () => { sim = await startTestSimulator() })
  after(async () => { await sim.close() })
  afterEach(() => helper.unload())

  it('equals the exchange\'s book after 1,000 random changes, with a forced gap resolved by a new snapshot', async () => {
    const model = new ModelBook(7)
    const stub = await depthStub(model, 150)
    try {
      await load([
        accountNode('acc', sim, { restUrl: stub.url }),
        { id: 'book', type: 'binance-spot-stream', account: 'acc', streamType: 'orderBook', symbols: 'BTCUSDT', levels: 20, speed: '100ms' }
      ], ['book'])
      const got = collect('book')
      const errors = collectErrors()
      await waitFor('subscribed', () => serverStreams(sim).join() === 'btcusdt@depth@100ms')
      const publish = (count) => sim.feed.publish('depth', model.update(count))

      // Changes flow while the first snapshot is on its way: the node must buffer them.
      let changes = 0
      while (changes < 500) {
        for (let i = 0; i < 10; i++) { const n = 1 + (changes % 3); publish(n); changes += 1 }
        await sleep(15)
      }
      await waitFor('the book caught up', () => got.length && got[got.length - 1].payload.lastUpdateId === model.id)
      assert.deepStrictEqual({ bids: got[got.length - 1].payload.bids, asks: got[got.length - 1].payload.asks }, model.top(20))
      const snapshotsBefore = stub.requests.length

      // A change the stream never carries: the next event's U is past the book's id + 1.
      await sleep(150)
      model.update(2)
      while (changes < 1000) {
        for (let i = 0; i < 10; i++) { publish(1 + (changes % 3)); changes += 1 }
        await sleep(15)
      }
      await waitFor('the book caught up again', () => got[got.length - 1].payload.lastUpdateId === model.id, 5000)
      const last = got[got.length - 1].payload
      assert.strictEqual(last.symbol, 'BTCUSDT')
      assert.deepStrictEqual({ bids: last.bids, asks: last.asks }, model.top(20))
      assert.ok(stub.requests.length > snapshotsBefore, 'the gap made the node read a new snapshot')
      assert.ok(stub.requests.every((limit) => limit === '1000'), 'a deeper snapshot than the 20 levels shown')
      for (const m of got) {
        const { bids, asks } = m.payload
        assert.ok(bids.length <= 20 && asks.length <= 20)
        for (let i = 1; i < bids.length; i++) assert.ok(Number(bids[i - 1].price) > Number(bids[i].price))
        for (let i = 1; i < asks.length; i++) assert.ok(Number(asks[i - 1].price) < Number(asks[i].price))
      }
      assert.deepStrictEqual(errors, [])
    } finally {
      await stub.close()
    }
  })

  it('a snapshot that cannot be read goes to Catch once, while the node keeps trying', async () => {
    // Reads each GET /api/v3/depth and drops the connection without an answer.
    const tries = []
    const refusing = http.createServer((req, res) => {
      tries.push(req.url)
      req.socket.destroy()
    })
    await new Promise((resolve) => refusing.listen(0, '127.0.0.1', resolve))
    try {
      await load([
        accountNode('acc', sim, { restUrl: `http://127.0.0.1:${refusing.address().port}`, timeout: 500 }),
        { id: 'book', type: 'binance-spot-stream', account: 'acc', streamType: 'orderBook', symbols: 'BTCUSDT', levels: 5 }
      ], ['book'])
      const errors = collectErrors()
      await waitFor('the failure', () => errors.length >= 1)
      // A failure is reported before the retry it schedules: by the 4th try the first three have been.
      await waitFor('the node to try again, three times', () => tries.length >= 4, 8000)
      assert.ok(tries.every((url) => url.startsWith('/api/v3/depth?')), tries.join())
      assert.deepStrictEqual(errors.map((e) => e.code), ['ErrNetwork'])
      assert.match(errors[0].message, /^ErrNetwork: the connection to custom \(127\.0\.0\.1:\d+\) was lost before the answer came/)
    } finally {
      refusing.closeAllConnections()
      await new Promise((resolve) => refusing.close(resolve))
    }
  })
})
