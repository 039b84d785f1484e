'use strict'
// The contract's "Inputs": every value field is a TypedInput (str/num, msg, flow,
// global, env, JSONata); a flow saved before TypedInput reads its fields as plain
// text; a field left empty falls back to the msg property of the same name; a
// field pointed elsewhere is read from there only, and says so when it is empty.
const assert = require('assert')
const { helper, ALICE, startTestSimulator, accountNode, credentialsOf, load, call, callFails } = require('./support/harness')

const queryOf = (sim, path) => sim.requests.filter((r) => r.path === path).map((r) => new URLSearchParams(r.query))
const lastQuery = (sim, path) => queryOf(sim, path).pop()

describe('TypedInput fields', function () {
  let sim
  before(async () => { sim = await startTestSimulator() })
  after(async () => { await sim.close() })
  afterEach(() => {
    delete process.env.NRBS_TEST_SYMBOL
    return helper.unload()
  })

  const account = () => accountNode('alice', sim)
  const loadWith = (nodes) => load([account(), ...nodes], nodes.map((n) => n.id), { alice: credentialsOf(ALICE) })

  it('a flow saved before TypedInput (no <field>Type) reads its fields as plain text, as before', async () => {
    await loadWith([
      { id: 'old', type: 'binance-spot-market', account: 'alice', mode: 'depth', symbol: 'ethusdt', interval: '', limit: '5' },
      { id: 'oldEmpty', type: 'binance-spot-market', account: 'alice', mode: 'depth', symbol: '', interval: '', limit: '' }
    ])
    assert.strictEqual((await call('old', { symbol: 'BTCUSDT' })).payload.symbol, 'ETHUSDT')
    assert.strictEqual(lastQuery(sim, '/api/v3/depth').get('limit'), '5')
    assert.strictEqual((await call('oldEmpty', { symbol: 'BNBUSDT' })).payload.symbol, 'BNBUSDT')
  })

  it('str and num fields are the node\'s own text; left empty they fall back to msg', async () => {
    await loadWith([
      { id: 'str', type: 'binance-spot-market', account: 'alice', mode: 'depth', symbol: 'ETHUSDT', symbolType: 'str', limit: '7', limitType: 'num' },
      { id: 'empty', type: 'binance-spot-market', account: 'alice', mode: 'depth', symbol: '', symbolType: 'str', limit: '', limitType: 'num' }
    ])
    assert.strictEqual((await call('str', { symbol: 'BTCUSDT' })).payload.symbol, 'ETHUSDT')
    assert.strictEqual(lastQuery(sim, '/api/v3/depth').get('limit'), '7')
    assert.strictEqual((await call('empty', { symbol: 'BNBUSDT', limit: 3 })).payload.symbol, 'BNBUSDT')
    assert.strictEqual(lastQuery(sim, '/api/v3/depth').get('limit'), '3')
  })

  it('msg, flow, global, env and JSONata fields are read when the msg arrives', async () => {
    process.env.NRBS_TEST_SYMBOL = 'bnbusdt'
    await loadWith([
      { id: 'fromMsg', type: 'binance-spot-market', account: 'alice', mode: 'depth', symbol: 'payload.pair', symbolType: 'msg', limit: 'payload.depth', limitType: 'msg' },
      { id: 'fromFlow', type: 'binance-spot-market', account: 'alice', mode: 'depth', symbol: 'pair', symbolType: 'flow' },
      { id: 'fromGlobal', type: 'binance-spot-market', account: 'alice', mode: 'depth', symbol: 'pair', symbolType: 'global' },
      { id: 'fromEnv', type: 'binance-spot-market', account: 'alice', mode: 'depth', symbol: 'NRBS_TEST_SYMBOL', symbolType: 'env' },
      { id: 'fromJsonata', type: 'binance-spot-market', account: 'alice', mode: 'depth', symbol: '$uppercase(payload.base) & "USDT"', symbolType: 'jsonata', limit: '2 * 3', limitType: 'jsonata' }
    ])
    helper.getNode('fromFlow').context().flow.set('pair', 'ETHUSDT')
    helper.getNode('fromGlobal').context().global.set('pair', 'BTCUSDT')

    assert.strictEqual((await call('fromMsg', { payload: { pair: 'ethusdt', depth: 4 } })).payload.symbol, 'ETHUSDT')
    assert.strictEqual(lastQuery(sim, '/api/v3/depth').get('limit'), '4')
    assert.strictEqual((await call('fromFlow', { symbol: 'BNBUSDT' })).payload.symbol, 'ETHUSDT')
    assert.strictEqual((await call('fromGlobal', {})).payload.symbol, 'BTCUSDT')
    assert.strictEqual((await call('fromEnv', {})).payload.symbol, 'BNBUSDT')
    assert.strictEqual((await call('fromJsonata', { payload: { base: 'eth' } })).payload.symbol, 'ETHUSDT')
    assert.strictEqual(lastQuery(sim, '/api/v3/depth').get('limit'), '6')
  })

  it('a field pointed at msg, flow, global or env that is empty fails naming where it looked, and never falls back', async () => {
    await loadWith([
      { id: 'fromMsg', type: 'binance-spot-market', account: 'alice', mode: 'depth', symbol: 'payload.pair', symbolType: 'msg' },
      { id: 'fromFlow', type: 'binance-spot-market', account: 'alice', mode: 'depth', symbol: 'nothing', symbolType: 'flow' },
      { id: 'fromEnv', type: 'binance-spot-market', account: 'alice', mode: 'depth', symbol: 'NRBS_TEST_UNSET', symbolType: 'env' }
    ])
    const before = sim.requests.length
    let err = await callFails('fromMsg', { symbol: 'BTCUSDT', payload: {} })
    assert.strictEqual(err.code, 'ErrInvalidArg')
    assert.strictEqual(err.message, 'ErrInvalidArg: symbol is required, but msg.payload.pair is empty')
    err = await callFails('fromFlow', { symbol: 'BTCUSDT' })
    assert.strictEqual(err.message, 'ErrInvalidArg: symbol is required, but flow.nothing is empty')
    err = await callFails('fromEnv', {})
    assert.strictEqual(err.message, 'ErrInvalidArg: symbol is required, but the environment variable "NRBS_TEST_UNSET" is empty')
    assert.strictEqual(sim.requests.length, before, 'nothing was sent')
  })

  it('an order saved before TypedInput with an empty order type and time in force reads them from msg, as the editor now shows them', async () => {
    sim.setPrice('BTCUSDT', '50000')
    const order = { account: 'alice', symbol: 'BTCUSDT', amountType: 'quantity', amount: '0.001', price: '49000', testOnly: true }
    await loadWith([
      { id: 'old', type: 'binance-spot-buy', ...order, orderType: '', timeInForce: '' },
      // What the editor saves for it: msg.orderType and msg.timeInForce, each with the same meaning.
      { id: 'saved', type: 'binance-spot-buy', ...order, orderType: 'orderType', orderTypeType: 'msg', timeInForce: 'timeInForce', timeInForceType: 'msg' }
    ])
    for (const id of ['old', 'saved']) {
      await call(id, { orderType: 'LIMIT' })
      assert.strictEqual(lastQuery(sim, '/api/v3/order/test').get('timeInForce'), 'GTC', `${id}: GTC without msg.timeInForce`)
      await call(id, { orderType: 'LIMIT', timeInForce: 'IOC' })
      assert.strictEqual(lastQuery(sim, '/api/v3/order/test').get('timeInForce'), 'IOC', id)
      const err = await callFails(id, {})
      assert.strictEqual(err.code, 'ErrInvalidArg', `${id}: no order type`)
    }
  })

  it('an amount read from msg that is missing fails naming it, rather than reading msg.quantity', async () => {
    await loadWith([{ id: 'buy', type: 'binance-spot-buy', account: 'alice', orderType: 'MARKET', symbol: 'BTCUSDT', amountType: 'quantity', amount: 'payload.size', amountValueType: 'msg', testOnly: true }])
    const err = await callFails('buy', { quantity: '0.001', payload: {} })
    assert.strictEqual(err.message, 'ErrInvalidArg: amount is required, but msg.payload.size is empty')
  })

  it('a JSONata expression that fails is ErrInvalidArg quoting the reason', async () => {
    await loadWith([{ id: 'bad', type: 'binance-spot-market', account: 'alice', mode: 'depth', symbol: '$nosuchfunction(payload)', symbolType: 'jsonata' }])
    const err = await callFails('bad', {})
    assert.strictEqual(err.code, 'ErrInvalidArg')
    assert.match(err.message, /^ErrInvalidArg: symbol could not be read from the JSONata expression: ".+"$/)
  })

  it('price reads a list of symbols from flow context', async () => {
    await loadWith([{ id: 'list', type: 'binance-spot-price', account: 'alice', mode: 'price', symbol: 'watchlist', symbolType: 'flow' }])
    helper.getNode('list').context().flow.set('watchlist', ['ethusdt', 'BTCUSDT'])
    const m = await call('list', {})
    assert.deepStrictEqual(m.payload.map((p) => p.symbol).sort(), ['BTCUSDT', 'ETHUSDT'])
  })

  it('an order takes its type, amount and price from msg, flow and num fields; decimals stay exact', async () => {
    await loadWith([{
      id: 'buy',
      type: 'binance-spot-buy',
      account: 'alice',
      orderType: 'payload.type',
      orderTypeType: 'msg',
      symbol: 'BTCUSDT',
      symbolType: 'str',
      amountType: 'quantity',
      amount: 'size',
      amountValueType: 'flow',
      price: '49000.00',
      priceType: 'num',
      timeInForce: 'IOC',
      timeInForceType: 'str',
      testOnly: true
    }])
    sim.setPrice('BTCUSDT', '50000')
    helper.getNode('buy').context().flow.set('size', '0.00100')
    const m = await call('buy', { payload: { type: 'limit' } })
    assert.strictEqual(m.payload.test, true)
    const query = lastQuery(sim, '/api/v3/order/test')
    assert.strictEqual(query.get('type'), 'LIMIT')
    assert.strictEqual(query.get('quantity'), '0.001')
    assert.strictEqual(query.get('price'), '49000')
    assert.strictEqual(query.get('timeInForce'), 'IOC')
  })
})
