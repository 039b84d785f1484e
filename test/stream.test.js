'use strict'
// The binance-spot-stream node on real WebSockets to the simulator, in a real Node-RED.
const assert = require('assert')
const { helper, startTestSimulator, accountNode, load } = require('./support/harness')
const { fastStreams, collect, collectErrors, waitFor, sleep, serverStreams, statusTexts, publishTrade } = require('./support/streams')

describe('stream node: market streams', function () {
  let sim
  fastStreams()
  before(async () => { sim = await startTestSimulator() })
  after(async () => { await sim.close() })
  afterEach(async () => {
    await helper.unload()
    await waitFor('no stream connection left', () => serverStreams(sim).length === 0)
  })

  const streamNode = (id, extra) => ({ id, type: 'binance-spot-stream', account: 'acc', streamType: 'trade', symbols: 'BTCUSDT', ...extra })

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
})
