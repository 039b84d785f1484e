'use strict'
// The matching engine in process, without HTTP: how many orders a second it
// places and matches with 10,000 orders resting in one book (against an empty
// book for comparison), how fast the price walk steps over them, and the memory
// one resting order costs. Prints figures only.
const { Engine } = require('../dist/simulator/engine')
const { ManualClock } = require('../dist/simulator/clock')
const { Feed } = require('../dist/simulator/feed')
const { Params } = require('../dist/simulator/params')
const { parseNewOrder } = require('../dist/simulator/orderRequest')
const { STANDARD_COMMISSION, DEFAULT_RESTRICTIONS } = require('../dist/simulator/accounts')
const D = require('../dist/simulator/decimal')

const RESTING = Number(process.env.BENCH_RESTING) || 10000
const TAKERS = Number(process.env.BENCH_TAKERS) || 20000
const STEPS = Number(process.env.BENCH_STEPS) || 2000
const PER_ACCOUNT = 200 // MAX_NUM_ORDERS per symbol

const gc = () => global.gc && global.gc()

function setup (apiKey, balances) {
  const dec = Object.fromEntries(Object.entries(balances).map(([a, v]) => [a, D.dec(v)]))
  return { apiKey, apiSecret: `${apiKey}-secret`, balances: dec, commission: STANDARD_COMMISSION, tradeGroupId: -1, restrictions: DEFAULT_RESTRICTIONS, uid: 1, createTime: 0 }
}

function engine () {
  const e = new Engine({ seed: 42, clock: new ManualClock(Date.UTC(2026, 0, 1)), feed: new Feed(), historyLimit: 10000, tickMs: 1000 })
  const taker = e.addAccount(setup('taker', { USDT: '1000000000', BTC: '100000' }))
  return { e, taker }
}

const request = (e, params) => parseNewOrder(new Params(new Map(Object.entries(params))), e.market)

/** RESTING orders from 1% to 10% either side of the price, at as many different prices. */
function fill (e) {
  const accounts = []
  for (let i = 0; i < RESTING / PER_ACCOUNT; i++) accounts.push(e.addAccount(setup(`maker-${i}`, { USDT: '100000000', BTC: '10000' })))
  for (let i = 0; i < RESTING; i++) {
    const account = accounts[Math.floor(i / PER_ACCOUNT)]
    const buy = i % 2 === 0
    const offset = 600n * D.ONE + BigInt((i * 7919) % 540000) * 1000000n
    const price = D.format(60000n * D.ONE + (buy ? -offset : offset), 2)
    e.run(() => e.trading.place(account, request(e, { symbol: 'BTCUSDT', side: buy ? 'BUY' : 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price })))
  }
}

function rate (label, n, fn) {
  const started = process.hrtime.bigint()
  for (let i = 0; i < n; i++) fn(i)
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  console.log(`${label.padEnd(58)} ${(n / seconds).toFixed(0).padStart(8)} /s`)
}

/** Market orders of a typical size, the market makers refilling once a second of 100 orders. */
function takers (label, e, taker) {
  rate(label, TAKERS, (i) => {
    const side = i % 2 === 0 ? 'BUY' : 'SELL'
    e.run(() => e.trading.place(taker, request(e, { symbol: 'BTCUSDT', side, type: 'MARKET', quantity: '0.01' })))
    if (i % 100 === 99) e.refill()
  })
}

/** A limit order placed in the book and cancelled again. */
function placeAndCancel (label, e, taker) {
  rate(label, TAKERS / 2, (i) => {
    const o = e.run(() => e.trading.place(taker, request(e, { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '59000', newOrderRespType: 'ACK' })))
    e.run(() => e.trading.cancel(taker, 'BTCUSDT', o.orderId, undefined, undefined, undefined))
  })
}

function main () {
  // A warm-up, so that the first figure does not pay for the JIT.
  const warm = engine()
  for (let i = 0; i < 2000; i++) warm.e.run(() => warm.e.trading.place(warm.taker, request(warm.e, { symbol: 'BTCUSDT', side: i % 2 ? 'BUY' : 'SELL', type: 'MARKET', quantity: '0.01' })))
  const empty = engine()
  takers('market orders placed and matched, empty book', empty.e, empty.taker)
  placeAndCancel('limit orders placed and cancelled, empty book', empty.e, empty.taker)
  rate('price steps (7 symbols, with flow), empty book', STEPS, () => empty.e.step())

  gc()
  const before = process.memoryUsage().heapUsed
  const full = engine()
  fill(full.e)
  gc()
  const perOrder = (process.memoryUsage().heapUsed - before) / RESTING
  console.log(`${`resting orders in the BTCUSDT book`.padEnd(58)} ${String(full.e.matcher.restingCount()).padStart(8)}`)
  takers(`market orders placed and matched, ${RESTING} resting`, full.e, full.taker)
  placeAndCancel(`limit orders placed and cancelled, ${RESTING} resting`, full.e, full.taker)
  rate(`price steps (7 symbols, with flow), ${RESTING} resting`, STEPS, () => full.e.step())
  console.log(`${'memory per resting order (engine, book, account)'.padEnd(58)} ${perOrder.toFixed(0).padStart(8)} bytes${global.gc ? '' : ' (run with --expose-gc for exact figures)'}`)
}

module.exports = { main }
if (require.main === module) main()
