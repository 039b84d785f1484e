'use strict'
// The binance-spot-stream node on real WebSockets to the simulator, in a real Node-RED.
const assert = require('assert')
const { helper, startTestSimulator, accountNode, load } = require('./support/harness')
const { fastStreams, collect, collectErrors, waitFor, sleep, serverStreams, statusTexts, publishTrade } = require('./support/streams')

describe('stream connections: reconnect back-off', function () {
  it('grows from 1 s to at most 60 s, with jitter', () => {
    const { backoffDelay } = require('./support/streams')
    const tuning = { backoffMinMs: 1000, backoffMaxMs: 60000 }
    for (let attempt = 0; attempt < 40; attempt++) {
      const step = Math.min(60000, 1000 * 2 ** attempt)
      for (let i = 0; i < 50; i++) {
        const delay = backoffDelay(attempt, tuning)
        assert.ok(delay >= Math.max(1000, step / 2) && delay <= step, `attempt ${attempt}: ${delay}`)
      }
    }
    const spread = new Set(Array.from({ length: 20 }, () => Math.round(backoffDelay(5, tuning))))
    assert.ok(spread.size > 10, 'jitter: the delays of one attempt differ')
  })
})

describe('stream node: market streams', function () {
  let sim
  fastStreams()
  before(async () => { sim = await startTestSimulator() })
  after(async () => { await sim.close() })
  afterEach(async () => {
    await helper.unload()
    sim.ws.setAccepting(true)
    await waitFor('no stream connection left', () => serverStreams(sim).length === 0)
    assert.strictEqual(sim.ws.stats().rateViolations, 0, 'never more than Binance\'s 5 messages a second')
  })

  const streamNode = (id, extra) => ({ id, type: 'binance-spot-stream', account: 'acc', streamType: 'trade', symbols: 'BTCUSDT', ...extra })
  const ids = (msgs) => msgs.map((m) => m.payload.t)

  it('sends each trade with msg.topic = the stream name, msg.symbol and the payload as Binance sends it', async () => {
    await load([accountNode('acc', sim), streamNode('s', { symbols: 'btcusdt, ETHUSDT' })], ['s'])
    const got = collect('s')
    await waitFor('subscribed', () => serverStreams(sim).join() === 'btcusdt@trade,ethusdt@trade')
    await waitFor('connected status', () => statusTexts('s').includes('connected: 2 streams'))
    const id = publishTrade(sim, 'ETHUSDT', '3000.10')
    await waitFor('the trade', () => got.length === 1)
    assert.strictEqual(got[0].topic, 'ethusdt@trade')
    assert.strictEqual(got[0].symbol, 'ETHUSDT')
    const { E, T, ...rest } = got[0].payload
    assert.ok(Number.isInteger(E) && Number.isInteger(T))
    assert.deepStrictEqual(rest, { e: 'trade', s: 'ETHUSDT', t: id, p: '3000.10', q: '0.01000000', m: id % 2 === 0, M: true })
  })

  it('every streamType listens to Binance\'s stream name and sends its events', async function () {
    this.timeout(10000)
    const nodes = [
      streamNode('trade', {}),
      streamNode('aggTrade', { streamType: 'aggTrade' }),
      streamNode('kline', { streamType: 'kline', interval: '1s' }),
      streamNode('miniTicker', { streamType: 'miniTicker' }),
      streamNode('ticker', { streamType: 'ticker' }),
      streamNode('bookTicker', { streamType: 'bookTicker' }),
      streamNode('depth', { streamType: 'depth', levels: '5', speed: '100ms' }),
      streamNode('orderBook', { streamType: 'orderBook', levels: 3 }),
      streamNode('all', { streamType: 'allMiniTickers', symbols: '' })
    ]
    await load([accountNode('acc', sim), ...nodes], nodes.map((n) => n.id))
    const got = Object.fromEntries(nodes.map((n) => [n.id, collect(n.id)]))
    await waitFor('every stream subscribed', () => serverStreams(sim).length === 1 && serverStreams(sim)[0].length === 9)
    assert.deepStrictEqual(serverStreams(sim)[0], ['!miniTicker@arr', 'btcusdt@aggTrade', 'btcusdt@bookTicker', 'btcusdt@depth',
      'btcusdt@depth5@100ms', 'btcusdt@kline_1s', 'btcusdt@miniTicker', 'btcusdt@ticker', 'btcusdt@trade'])
    publishTrade(sim)
    await waitFor('an event at every node', () => nodes.every((n) => got[n.id].length > 0), 4000)
    const first = (id) => got[id][0]
    assert.strictEqual(first('aggTrade').payload.e, 'aggTrade')
    assert.strictEqual(first('kline').topic, 'btcusdt@kline_1s')
    assert.strictEqual(first('kline').payload.k.i, '1s')
    assert.strictEqual(first('miniTicker').payload.e, '24hrMiniTicker')
    assert.strictEqual(first('ticker').payload.e, '24hrTicker')
    assert.deepStrictEqual(Object.keys(first('bookTicker').payload), ['u', 's', 'b', 'B', 'a', 'A'])
    assert.strictEqual(first('depth').payload.bids.length, 5)
    const book = first('orderBook')
    assert.strictEqual(book.topic, 'btcusdt@depth')
    assert.strictEqual(book.symbol, 'BTCUSDT')
    assert.deepStrictEqual(Object.keys(book.payload), ['symbol', 'lastUpdateId', 'bids', 'asks'])
    assert.strictEqual(book.payload.bids.length, 3)
    assert.deepStrictEqual(Object.keys(book.payload.bids[0]), ['price', 'quantity'])
    assert.ok(Number(book.payload.bids[0].price) > Number(book.payload.bids[1].price), 'bids best first')
    assert.ok(Number(book.payload.asks[0].price) < Number(book.payload.asks[1].price), 'asks best first')
    assert.strictEqual(first('all').topic, '!miniTicker@arr')
    assert.strictEqual(first('all').symbol, undefined)
    assert.ok(Array.isArray(first('all').payload) && first('all').payload.length >= 7)
  })

  it('many nodes share one connection; each gets its own copy of an event', async () => {
    const nodes = Array.from({ length: 12 }, (_, i) => streamNode(`n${i}`, { symbols: i % 2 ? 'BTCUSDT' : 'BTCUSDT,ETHUSDT' }))
    const opened = sim.ws.opened().stream
    await load([accountNode('acc', sim), ...nodes], nodes.map((n) => n.id))
    const got = nodes.map((n) => collect(n.id))
    await waitFor('subscribed', () => serverStreams(sim).join() === 'btcusdt@trade,ethusdt@trade')
    assert.strictEqual(sim.ws.opened().stream, opened + 1, 'one connection')
    publishTrade(sim)
    await waitFor('the trade at every node', () => got.every((g) => g.length === 1))
    got[0][0].payload.p = 'changed by one flow'
    assert.ok(got.slice(1).every((g) => g[0].payload.p === '60000.00'))
  })

  it('closing nodes unsubscribes: after 20 redeploys no subscription is left and the connection was kept', async function () {
    this.timeout(15000)
    const opened = sim.ws.opened().stream
    const symbols = ['ETHUSDT', 'BNBUSDT', 'SOLUSDT', 'XRPUSDT']
    const flow = (round) => [
      { id: 'flow1', type: 'tab', label: 'test' },
      accountNode('acc', sim),
      { ...streamNode('anchor', {}), z: 'flow1', x: 100, y: 100, wires: [[]] },
      { ...streamNode('moving', { symbols: symbols[round % symbols.length], streamType: round % 3 ? 'trade' : 'bookTicker' }), z: 'flow1', x: 100, y: 200, wires: [[]] }
    ]
    await load(flow(0).slice(1), [])
    for (let round = 1; round <= 20; round++) {
      await helper.setFlows(flow(round), 'nodes')
      if (round % 5 === 0) await sleep(300)
    }
    await waitFor('only the streams of the last deploy', () => JSON.stringify(serverStreams(sim)) === JSON.stringify([['btcusdt@trade', 'ethusdt@trade']]))
    assert.strictEqual(sim.ws.opened().stream, opened + 1, 'the anchor kept the one connection')
    await helper.unload()
    await waitFor('the connection closed once unused', () => serverStreams(sim).length === 0)
    assert.strictEqual(sim.ws.stats().rateViolations, 0)
  })

  it('a drop reconnects and resubscribes; Catch hears ErrNetwork once per outage, not once per retry', async () => {
    await load([accountNode('acc', sim), streamNode('s', { symbols: 'BTCUSDT,ETHUSDT' })], ['s'])
    const got = collect('s')
    const errors = collectErrors()
    await waitFor('subscribed', () => serverStreams(sim).length === 1 && serverStreams(sim)[0].length === 2)
    const refusedBefore = sim.ws.stats().refused
    sim.ws.setAccepting(false)
    sim.ws.drop('stream')
    await waitFor('three refused reconnects', () => sim.ws.stats().refused - refusedBefore >= 3)
    assert.match(statusTexts('s').pop(), /reconnecting/)
    sim.ws.setAccepting(true)
    await waitFor('resubscribed', () => serverStreams(sim).join() === 'btcusdt@trade,ethusdt@trade')
    await waitFor('connected again', () => statusTexts('s').pop() === 'connected: 2 streams')
    publishTrade(sim, 'ETHUSDT')
    await waitFor('events flow again', () => got.length === 1)
    assert.deepStrictEqual(errors.map((e) => e.code), ['ErrNetwork'])
    assert.match(errors[0].message, /^ErrNetwork: lost the WebSocket connection to custom \(127\.0\.0\.1:\d+\)/)
  })

  it('a silent connection (no frame for the silence threshold) is replaced', async () => {
    await load([accountNode('acc', sim), streamNode('s', {})], ['s'])
    const got = collect('s')
    const errors = collectErrors()
    await waitFor('subscribed', () => serverStreams(sim).length === 1)
    const opened = sim.ws.opened().stream
    sim.ws.silence('stream')
    await waitFor('a new connection', () => sim.ws.opened().stream === opened + 1, 4000)
    await waitFor('the old one gone', () => serverStreams(sim).length === 1)
    await waitFor('connected again', () => statusTexts('s').pop() === 'connected: 1 stream')
    publishTrade(sim)
    await waitFor('events flow again', () => got.length === 1)
    assert.deepStrictEqual(errors.map((e) => e.code), ['ErrNetwork'])
    assert.match(errors[0].message, /no data for 1\.2 s/)
  })

  /** Publishes a trade every few ms until stopped; `published` holds the ids. */
  function tradeLoop (symbol = 'BTCUSDT') {
    const published = []
    const timer = setInterval(() => { for (let i = 0; i < 3; i++) published.push(publishTrade(sim, symbol)) }, 4)
    return { published, stop: () => clearInterval(timer) }
  }

  /** Runs `test` with a trade loop that stops when it ends, however it ends. */
  async function withTradeLoop (test) {
    const loop = tradeLoop()
    try {
      return await test(loop)
    } finally {
      loop.stop()
    }
  }

  it('serverShutdown: a new connection takes over before the old one closes, and no event is lost or doubled', async () => {
    await load([accountNode('acc', sim), streamNode('s', {})], ['s'])
    const got = collect('s')
    const errors = collectErrors()
    await waitFor('subscribed', () => serverStreams(sim).length === 1)
    const opened = sim.ws.opened().stream
    const published = await withTradeLoop(async (loop) => {
      await sleep(100)
      sim.ws.shutdown(600, 'stream')
      await waitFor('the new connection', () => sim.ws.opened().stream === opened + 1)
      await waitFor('the old one closed', () => serverStreams(sim).length === 1)
      await sleep(100)
      loop.stop()
      return loop.published
    })
    await waitFor('every event', () => got.length >= published.length)
    await sleep(50)
    assert.deepStrictEqual(ids(got), published)
    assert.deepStrictEqual(errors, [])
  })

  it('a shortened connection lifetime: renewed again and again before the cut, without losing an event', async function () {
    this.timeout(10000)
    const { streamTuning } = require('./support/streams')
    sim.ws.setLifetime(900)
    const saved = streamTuning.renewAfterMs
    streamTuning.renewAfterMs = 400
    try {
      await load([accountNode('acc', sim), streamNode('s', {})], ['s'])
      const got = collect('s')
      const errors = collectErrors()
      await waitFor('subscribed', () => serverStreams(sim).length === 1)
      const opened = sim.ws.opened().stream
      const published = await withTradeLoop(async (loop) => {
        await waitFor('three renewals', () => sim.ws.opened().stream >= opened + 3, 5000)
        loop.stop()
        return loop.published
      })
      await waitFor('every event', () => got.length >= published.length)
      await sleep(50)
      assert.deepStrictEqual(ids(got).sort((a, b) => a - b), published)
      assert.deepStrictEqual(errors, [])
    } finally {
      streamTuning.renewAfterMs = saved
      sim.ws.setLifetime(24 * 3600 * 1000)
    }
  })

  it('answers the server\'s pings with the same payload', async () => {
    // Pongs count towards Binance's 5 messages a second: a faster ping would make the client break the limit.
    sim.ws.setPingInterval(250)
    try {
      await load([accountNode('acc', sim), streamNode('s', {})], ['s'])
      const before = sim.ws.stats().pongs
      await waitFor('pongs', () => sim.ws.stats().pongs >= before + 3)
      assert.strictEqual(sim.ws.stats().pongMismatches, 0)
    } finally {
      sim.ws.setPingInterval(20000)
    }
  })

  it('throttle: at most one msg per stream per period, the latest event wins, nothing after close', async () => {
    // A long period: the check after close needs an event still waiting when the node closes.
    const PERIOD = 1000
    await load([
      accountNode('acc', sim),
      streamNode('s', { symbols: 'BTCUSDT,ETHUSDT', throttle: PERIOD }),
      // Unthrottled on the same connection: it has an event as soon as the throttled node has it.
      streamNode('witness', { symbols: 'BTCUSDT' })
    ], ['s', 'witness'])
    const got = collect('s')
    const witnessed = collect('witness')
    // Counted on the node itself: once the flow is stopped, a msg it still sent would reach no probe.
    const node = helper.getNode('s')
    const send = node.send
    let sent = 0
    node.send = function (...args) {
      sent++
      return send.apply(this, args)
    }
    await waitFor('subscribed', () => serverStreams(sim).length === 1 && serverStreams(sim)[0].length === 2)
    const btc = Array.from({ length: 30 }, () => publishTrade(sim, 'BTCUSDT'))
    const eth = Array.from({ length: 30 }, () => publishTrade(sim, 'ETHUSDT'))
    await waitFor('first of each', () => got.length === 2)
    assert.deepStrictEqual(got.map((m) => m.payload.t).sort((a, b) => a - b), [btc[0], eth[0]])
    await sleep(150)
    assert.strictEqual(got.length, 2, 'nothing more within the period')
    await waitFor('the latest of each', () => got.length === 4, PERIOD + 4000)
    assert.deepStrictEqual(got.slice(2).map((m) => m.payload.t).sort((a, b) => a - b), [btc[29], eth[29]])
    // Sending the latest started a new period (throttle.ts): an event now waits for its end.
    const last = publishTrade(sim, 'BTCUSDT')
    await waitFor('the witness has the last trade', () => witnessed.some((m) => m.payload.t === last))
    assert.strictEqual(sent, 4, 'the last trade waits for the period to end')
    await helper.unload()
    await sleep(PERIOD + 200)
    assert.strictEqual(sent, 4, 'the waiting event is not sent after the node closed')
  })

  it('throttle: an event held back is dropped when its stream is unsubscribed or the node is stopped', async () => {
    await load([accountNode('acc', sim), streamNode('s', { symbols: 'BTCUSDT,ETHUSDT', throttle: 300 })], ['s'])
    const got = collect('s')
    const node = helper.getNode('s')
    await waitFor('subscribed', () => serverStreams(sim).length === 1 && serverStreams(sim)[0].length === 2)
    publishTrade(sim, 'BTCUSDT')
    publishTrade(sim, 'BTCUSDT')
    publishTrade(sim, 'ETHUSDT')
    publishTrade(sim, 'ETHUSDT')
    await waitFor('the first of each', () => got.length === 2)
    node.receive({ action: 'unsubscribe', symbol: 'BTCUSDT' })
    node.receive({ action: 'stop' })
    await sleep(500)
    assert.deepStrictEqual(got.map((m) => m.symbol).sort(), ['BTCUSDT', 'ETHUSDT'], 'nothing after the unsubscribe and the stop')
    await waitFor('the unused connection closed', () => serverStreams(sim).length === 0)
    node.receive({ action: 'start' })
    await waitFor('listening again', () => serverStreams(sim).join() === 'ethusdt@trade')
    const eth = publishTrade(sim, 'ETHUSDT')
    await waitFor('a new event goes at once', () => got.length === 3)
    assert.strictEqual(got[2].payload.t, eth)
  })

  it('msg.action subscribe, unsubscribe, stop and start change what the node listens to, paced within Binance\'s 5 messages a second', async () => {
    await load([accountNode('acc', sim), streamNode('s', { symbols: '' })], ['s'])
    const got = collect('s')
    await waitFor('idle status', () => statusTexts('s').pop() === 'no symbols: send msg.action subscribe')
    const node = helper.getNode('s')
    node.receive({ action: 'subscribe', symbol: 'btcusdt' })
    await waitFor('subscribed', () => serverStreams(sim).join() === 'btcusdt@trade')
    const symbols = ['ETHUSDT', 'BNBUSDT', 'SOLUSDT', 'XRPUSDT', 'ETHBTC', 'BNBBTC']
    for (let i = 0; i < 30; i++) node.receive({ action: i % 2 ? 'unsubscribe' : 'subscribe', symbols: [symbols[Math.floor(i / 2) % symbols.length]] })
    node.receive({ action: 'subscribe', symbols: 'ethusdt,bnbusdt' })
    await waitFor('the last state', () => serverStreams(sim).join() === 'bnbusdt@trade,btcusdt@trade,ethusdt@trade')
    assert.strictEqual(sim.ws.stats().rateViolations, 0)
    await waitFor('status', () => statusTexts('s').pop() === 'connected: 3 streams')
    publishTrade(sim, 'BNBUSDT')
    await waitFor('an event', () => got.length === 1)
    node.receive({ action: 'unsubscribe', symbol: 'BNBUSDT' })
    await waitFor('unsubscribed', () => serverStreams(sim).join() === 'btcusdt@trade,ethusdt@trade')
    node.receive({ action: 'stop' })
    await waitFor('stopped', () => statusTexts('s').pop() === 'stopped')
    await waitFor('nothing subscribed', () => serverStreams(sim).every((s) => s.length === 0))
    publishTrade(sim, 'BTCUSDT')
    node.receive({ action: 'START' })
    await waitFor('resumed', () => serverStreams(sim).join() === 'btcusdt@trade,ethusdt@trade')
    await waitFor('status after start', () => statusTexts('s').pop() === 'connected: 2 streams')
    assert.strictEqual(got.length, 1)
  })

  it('past 1024 streams a second connection opens', async function () {
    this.timeout(10000)
    const many = Array.from({ length: 1030 }, (_, i) => `S${String(i).padStart(4, '0')}USDT`)
    await load([
      accountNode('acc', sim),
      streamNode('a', { symbols: many.slice(0, 1000).join(',') }),
      streamNode('b', { symbols: many.slice(1000).join(',') })
    ], ['a', 'b'])
    await waitFor('all subscribed', () => serverStreams(sim).map((s) => s.length).sort((x, y) => x - y).join() === '6,1024', 8000)
    assert.strictEqual(sim.ws.stats().rateViolations, 0)
    await waitFor('status', () => statusTexts('a').pop() === 'connected: 1000 streams')
  })
})
