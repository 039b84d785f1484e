'use strict'
const assert = require('assert')
const { helper, ALICE, startTestSimulator, accountNode, credentialsOf, load, call, callFails } = require('./support/harness')

describe('bad input gets the contract\'s error, never a crash', function () {
  let sim
  const unhandled = []
  const onUnhandled = (reason) => unhandled.push(reason)
  before(async () => {
    sim = await startTestSimulator()
    process.on('unhandledRejection', onUnhandled)
  })
  after(async () => {
    process.removeListener('unhandledRejection', onUnhandled)
    await sim.close()
    assert.deepStrictEqual(unhandled, [])
  })
  afterEach(() => helper.unload())

  beforeEach(() => load([
    accountNode('alice', sim),
    { id: 'price', type: 'binance-spot-price', account: 'alice', mode: 'price', symbol: '' },
    { id: 'market', type: 'binance-spot-market', account: 'alice', mode: 'depth', symbol: '' },
    { id: 'klines', type: 'binance-spot-market', account: 'alice', mode: 'klines', symbol: '', interval: '' },
    { id: 'balance', type: 'binance-spot-balance', account: 'alice', asset: '' }
  ], ['price', 'market', 'klines', 'balance'], { alice: credentialsOf(ALICE) }))

  const cases = [
    ['market', {}, 'ErrInvalidArg', 'missing symbol'],
    ['market', { symbol: '' }, 'ErrInvalidArg', 'empty symbol'],
    ['market', { symbol: '   ' }, 'ErrInvalidArg', 'blank symbol'],
    ['market', { symbol: 'BTC/USDT' }, 'ErrInvalidArg', 'garbage symbol'],
    ['market', { symbol: 'BTCUSDT; DROP' }, 'ErrInvalidArg', 'garbage symbol with spaces'],
    ['market', { symbol: 42 }, 'ErrInvalidArg', 'symbol as a number that is no symbol'],
    ['market', { symbol: { s: 'BTCUSDT' } }, 'ErrInvalidArg', 'symbol as an object'],
    ['market', { symbol: 'BTCUSDT', limit: 'ten' }, 'ErrInvalidArg', 'limit not numeric'],
    ['market', { symbol: 'BTCUSDT', limit: 0 }, 'ErrInvalidArg', 'limit zero'],
    ['market', { symbol: 'BTCUSDT', limit: 2.5 }, 'ErrInvalidArg', 'limit fractional'],
    ['market', { symbol: 'BTCUSDT', limit: 1e9 }, 'ErrInvalidArg', 'limit huge'],
    ['market', { symbol: 'BTCUSDT', limit: NaN }, 'ErrInvalidArg', 'limit NaN'],
    ['klines', { symbol: 'BTCUSDT' }, 'ErrInvalidArg', 'missing interval'],
    ['klines', { symbol: 'BTCUSDT', interval: '1H' }, 'ErrInvalidArg', 'wrong-case interval'],
    ['klines', { symbol: 'BTCUSDT', interval: '1h', startTime: 'yesterday' }, 'ErrInvalidArg', 'garbage start time'],
    ['klines', { symbol: 'BTCUSDT', interval: '1h', endTime: -5 }, 'ErrInvalidArg', 'negative end time'],
    ['price', { symbols: 'BTCUSDT' }, 'ErrInvalidArg', 'symbols not an array'],
    ['price', { symbols: [] }, 'ErrInvalidArg', 'symbols empty'],
    ['price', { symbols: ['BTCUSDT', 7] }, 'ErrInvalidArg', 'symbols holding a number'],
    ['balance', { asset: 'BT C' }, 'ErrInvalidArg', 'garbage asset'],
    ['balance', { asset: ['BTC'] }, 'ErrInvalidArg', 'asset as an array'],
    ['balance', { asset: 'ZZZZZZ' }, 'ErrInvalidArg', 'unknown asset'],
    ['balance', { clientId: 7 }, 'ErrInvalidArg', 'clientId a number'],
    ['balance', { clientId: '' }, 'ErrInvalidArg', 'clientId empty'],
    ['balance', { clientId: 'gone' }, 'ErrNotConnected', 'clientId unknown']
  ]

  for (const [node, msg, code, what] of cases) {
    it(`${what} → ${code}`, async () => {
      const before = sim.requests.length
      const err = await callFails(node, msg)
      assert.strictEqual(err.code, code)
      assert.ok(err.message.length > 10, 'the message says what is wrong')
      if (code === 'ErrInvalidArg' && what !== 'unknown asset') assert.strictEqual(sim.requests.length, before, 'refused locally')
    })
  }

  it('numbers may arrive as numbers or as strings', async () => {
    const a = await call('market', { symbol: 'BTCUSDT', limit: 5 })
    const b = await call('market', { symbol: 'BTCUSDT', limit: '5' })
    assert.strictEqual(a.payload.bids.length, 5)
    assert.strictEqual(b.payload.bids.length, 5)
    const c = await call('klines', { symbol: 'ethusdt', interval: '1m', limit: '2', startTime: String(Date.now() - 3600000) })
    assert.strictEqual(c.payload.length, 2)
  })
})
