'use strict'
// ccxt, a third-party Binance client, pointed at the simulator on loopback with
// nothing changed but its URLs: every order type, editOrder (cancel-replace),
// and the account and market data calls a trading bot makes.
const assert = require('assert')
const ccxt = require('ccxt')
const { startSimulator } = require('../dist/simulator')

const TRADER = { apiKey: 'ccxt-key', apiSecret: 'ccxt-secret', balances: { USDT: '100000', BTC: '2' } }

function binanceAt (url) {
  const exchange = new ccxt.binance({
    apiKey: TRADER.apiKey,
    secret: TRADER.apiSecret,
    enableRateLimit: false,
    // Spot only: the simulator has no futures, margin or wallet endpoints.
    options: { fetchMarkets: { types: ['spot'] }, fetchMargins: false, fetchCurrencies: false, adjustForTimeDifference: false, defaultType: 'spot' }
  })
  for (const [name, base] of Object.entries(exchange.urls.api)) exchange.urls.api[name] = base.replace(/^https:\/\/[^/]+/, url)
  return exchange
}

describe('simulator with ccxt', function () {
  let sim
  let ex
  before(async () => {
    sim = await startSimulator({ tickMs: 0, accounts: [TRADER] })
    sim.setPrice('BTCUSDT', '60000.00')
    ex = binanceAt(sim.url)
    await ex.loadMarkets()
  })
  after(async () => { await sim.close() })

  it('loads the markets with their limits and precision', async () => {
    const m = ex.market('BTC/USDT')
    assert.deepStrictEqual([m.id, m.spot, m.precision.price, m.precision.amount, m.limits.cost.min], ['BTCUSDT', true, 0.01, 0.00001, 5])
  })

  it('createOrder: market (by amount and by cost), limit, post-only, stop-loss and take-profit (market and limit), trailing', async () => {
    const symbol = 'BTC/USDT'
    const made = [
      await ex.createOrder(symbol, 'market', 'buy', 0.01),
      await ex.createOrder(symbol, 'market', 'buy', undefined, undefined, { cost: 100 }),
      await ex.createOrder(symbol, 'limit', 'buy', 0.01, 59000),
      await ex.createOrder(symbol, 'limit', 'sell', 0.01, 61000, { postOnly: true }),
      await ex.createOrder(symbol, 'market', 'sell', 0.01, undefined, { stopLossPrice: 59000 }),
      await ex.createOrder(symbol, 'limit', 'sell', 0.01, 58900, { stopLossPrice: 59000 }),
      await ex.createOrder(symbol, 'market', 'sell', 0.01, undefined, { takeProfitPrice: 62000 }),
      await ex.createOrder(symbol, 'limit', 'sell', 0.01, 62100, { takeProfitPrice: 62000 }),
      await ex.createOrder(symbol, 'market', 'sell', 0.01, undefined, { trailingPercent: 1, stopLossOrTakeProfit: 'stopLoss' })
    ]
    assert.deepStrictEqual(made.map((o) => o.info.type), ['MARKET', 'MARKET', 'LIMIT', 'LIMIT_MAKER', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT', 'STOP_LOSS'])
    assert.deepStrictEqual(made.map((o) => o.status), ['closed', 'closed', 'open', 'open', 'open', 'open', 'open', 'open', 'open'])
    assert.ok(made[0].fee.cost > 0 && made[0].trades.length >= 1)
    assert.ok(made[1].cost <= 100 && made[1].cost > 99)
    assert.strictEqual(made[8].info.trailingDelta, 100)
    const open = await ex.fetchOpenOrders(symbol)
    assert.strictEqual(open.length, 7)
    sim.setPrice('BTCUSDT', '58800.00')
    assert.strictEqual((await ex.fetchOrder(made[4].id, symbol)).status, 'closed', 'the stop-loss fired')
  })

  it('editOrder cancels and replaces, fetchOrder / cancelOrder / fetchMyTrades / fetchBalance agree', async () => {
    const symbol = 'BTC/USDT'
    // Trades of its own for fetchMyTrades to find, whatever ran before.
    const sold = await ex.createOrder(symbol, 'market', 'sell', 0.01)
    assert.strictEqual(sold.status, 'closed')
    const order = await ex.createOrder(symbol, 'limit', 'buy', 0.01, 50000)
    const edited = await ex.editOrder(order.id, symbol, 'limit', 'buy', 0.02, 50100)
    assert.notStrictEqual(edited.id, order.id)
    assert.deepStrictEqual([edited.amount, edited.price, edited.status], [0.02, 50100, 'open'])
    assert.strictEqual((await ex.fetchOrder(order.id, symbol)).status, 'canceled')
    await ex.cancelOrder(edited.id, symbol)
    assert.strictEqual((await ex.fetchOrder(edited.id, symbol)).status, 'canceled')
    const trades = await ex.fetchMyTrades(symbol)
    assert.ok(trades.every((t) => t.symbol === symbol))
    const mine = trades.filter((t) => t.order === sold.id)
    assert.ok(mine.length >= 1 && mine.every((t) => t.side === 'sell'), 'the market sell\'s trades')
    assert.strictEqual(mine.reduce((sum, t) => sum + Math.round(t.amount * 1e8), 0), 1e6, 'they add up to the 0.01 BTC sold')
    const balance = await ex.fetchBalance()
    const btc = sim.balances(TRADER.apiKey).BTC
    assert.strictEqual(balance.BTC.free, Number(btc.free))
    assert.strictEqual(balance.BTC.used, Number(btc.locked))
  })

  it('market data: ticker, order book, trades and candles', async () => {
    const ticker = await ex.fetchTicker('ETH/USDT')
    assert.strictEqual(ticker.symbol, 'ETH/USDT')
    const book = await ex.fetchOrderBook('BTC/USDT', 50)
    assert.strictEqual(book.bids.length, 50)
    assert.ok(book.bids[0][0] < book.asks[0][0])
    assert.strictEqual((await ex.fetchTrades('BTC/USDT', undefined, 10)).length, 10)
    const candles = await ex.fetchOHLCV('BTC/USDT', '1m', undefined, 5)
    assert.strictEqual(candles.length, 5)
  })
})
