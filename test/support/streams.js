'use strict'
// Helpers for the stream tests: short connection timings, collecting what
// nodes send and what reaches the Catch node, and waiting for a condition.
const path = require('path')
const { helper, dist } = require('./harness')
const { waitFor, sleep } = require('./wait')

const { streamTuning, backoffDelay } = require(path.join(dist, 'lib', 'ws-channel'))
const DEFAULT_TUNING = { ...streamTuning }
const FAST = { backoffMinMs: 40, backoffMaxMs: 300, silenceMs: 1200, lingerMs: 150, handoverTimeoutMs: 1500, requestTimeoutMs: 2000 }

/** Short timings for the stream client while a describe block runs. */
function fastStreams (extra = {}) {
  before(() => Object.assign(streamTuning, FAST, extra))
  after(() => Object.assign(streamTuning, DEFAULT_TUNING))
}

/** Every msg a node sends (through its "<id>-out" probe) from now on. */
function collect (id) {
  const got = []
  helper.getNode(`${id}-out`).on('input', (msg) => got.push(msg))
  return got
}

/** Every error the probe Catch node receives from now on. */
function collectErrors () {
  const got = []
  helper.getNode('probe-err').on('input', (msg) => got.push(msg.error))
  return got
}

/** The market streams the simulator's stream connections listen to, one sorted list per connection. */
function serverStreams (sim) {
  return sim.ws.connections().filter((c) => c.kind === 'stream').map((c) => [...c.streams].sort())
}

/** The stream node's statuses so far, as text. */
function statusTexts (id) {
  const node = helper.getNode(id)
  return node.status.getCalls().filter((c) => c.thisValue === node).map((c) => c.args[0].text)
}

let nextTradeId = 1
/** Publishes a public trade, and the aggregate it makes alone, on the simulator's feed; returns its id. */
function publishTrade (sim, symbol = 'BTCUSDT', price = '60000.00') {
  const id = nextTradeId++
  const trade = { symbol, id, price, qty: '0.01000000', time: Date.now(), isBuyerMaker: id % 2 === 0 }
  sim.feed.publish('trade', trade)
  sim.feed.publish('aggTrade', { ...trade, firstId: id, lastId: id })
  return id
}

module.exports = { streamTuning, backoffDelay, fastStreams, collect, collectErrors, waitFor, sleep, serverStreams, statusTexts, publishTrade }
