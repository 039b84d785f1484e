'use strict'
// The simulator remembers: with a state directory, accounts, balances, open
// orders, history and ids survive a restart, a reset returns an account to its
// starting balances, and a kill -9 at any moment loses at most the last event
// and never leaves a state that does not load.
const assert = require('assert')
const fs = require('fs')
const os = require('os')
const path = require('path')
const zlib = require('zlib')
const { spawn } = require('child_process')
const { startSimulator } = require('../dist/simulator')
const { signer, units, fmt } = require('./support/binance')

const TRADER = { apiKey: 'keeper', apiSecret: 'keeper-secret', balances: { USDT: '10000000', BTC: '100' } }

describe('simulator persistence', function () {
  let dir
  // Children that trade until killed: a test that fails or times out must not leave one running.
  const children = new Set()
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-state-')) })
  afterEach(async () => {
    await Promise.all([...children].map(killChild))
    fs.rmSync(dir, { recursive: true, force: true })
  })

  /** SIGKILL unless it has exited already; resolves once it has. */
  function killChild ({ proc, exited }) {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL')
    return exited
  }

  const start = (extra = {}) => startSimulator({ tickMs: 0, stateDir: dir, accounts: [TRADER], ...extra })

  it('without a state directory nothing is written; with one, everything survives a restart and ids go on', async () => {
    const memory = await startSimulator({ tickMs: 0 })
    await memory.close()
    assert.deepStrictEqual(fs.readdirSync(dir), [])

    let sim = await start()
    let call = signer(sim, TRADER)
    sim.setPrice('BTCUSDT', '60000.00')
    const resting = (await call('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.1', price: '59000', newClientOrderId: 'stays' })).body
    const bought = (await call('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.2' })).body
    const list = (await call('POST', '/api/v3/orderList/oco', { symbol: 'BTCUSDT', side: 'SELL', quantity: '0.2', aboveType: 'LIMIT_MAKER', abovePrice: '63000', belowType: 'STOP_LOSS', belowStopPrice: '57000' })).body
    sim.deposit(TRADER.apiKey, 'SOL', '3')
    sim.addAccount({ apiKey: 'late', apiSecret: 'late-secret', balances: { ETH: '1' } })
    const before = { balances: sim.balances(TRADER.apiKey), open: sim.openOrders(TRADER.apiKey), fills: sim.recentFills(TRADER.apiKey), price: sim.price('BTCUSDT') }
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['journal.log', 'snapshot.json'])
    await sim.close()

    sim = await start()
    call = signer(sim, TRADER)
    try {
      assert.deepStrictEqual(sim.balances(TRADER.apiKey), before.balances)
      assert.deepStrictEqual(sim.openOrders(TRADER.apiKey), before.open)
      assert.deepStrictEqual(sim.recentFills(TRADER.apiKey), before.fills)
      assert.strictEqual(sim.price('BTCUSDT'), before.price, 'the market goes on from where it stood')
      assert.strictEqual(sim.balances('late').ETH.free, '1.00000000', 'accounts added later are kept, with their keys')
      assert.strictEqual((await signer(sim, { apiKey: 'late', apiSecret: 'late-secret' })('GET', '/api/v3/account')).status, 200)
      assert.strictEqual((await call('GET', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'stays' })).body.orderId, resting.orderId)
      assert.strictEqual((await call('GET', '/api/v3/orderList', { orderListId: list.orderListId })).body.listStatusType, 'EXEC_STARTED')
      const next = (await call('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.01' })).body
      assert.strictEqual(next.orderId, list.orders[1].orderId + 1, 'order ids go on')
      assert.ok(next.fills[0].tradeId > bought.fills[bought.fills.length - 1].tradeId, 'trade ids go on')
      sim.setPrice('BTCUSDT', '58000.00')
      assert.strictEqual((await call('GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId: resting.orderId })).body.status, 'FILLED', 'a restored order still trades')
    } finally {
      await sim.close()
    }
  })

  it('a reset restores the starting balances with no open orders and no history, and is kept', async () => {
    let sim = await start()
    const call = signer(sim, TRADER)
    await call('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.1', price: '59000' })
    await call('POST', '/api/v3/order', { symbol: 'ETHUSDT', side: 'BUY', type: 'MARKET', quantity: '1' })
    sim.deposit(TRADER.apiKey, 'XRP', '100')
    const events = []
    sim.feed.on('account', (e) => events.push(e.event))
    sim.resetAccount(TRADER.apiKey)
    const expected = { free: '10000000.00000000', locked: '0.00000000' }
    assert.deepStrictEqual(sim.balances(TRADER.apiKey).USDT, expected)
    assert.deepStrictEqual(sim.balances(TRADER.apiKey).XRP, { free: '0.00000000', locked: '0.00000000' })
    assert.deepStrictEqual([sim.openOrders(TRADER.apiKey), sim.recentFills(TRADER.apiKey)], [[], []])
    assert.deepStrictEqual(events.map((e) => e.x ?? e.e), ['CANCELED', 'outboundAccountPosition'])
    await sim.close()
    sim = await start()
    try {
      assert.deepStrictEqual([sim.balances(TRADER.apiKey).USDT, sim.recentFills(TRADER.apiKey)], [expected, []])
    } finally {
      await sim.close()
    }
  })

  it('a torn last record is ignored and cut off; the events before it are all there', async () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-torn-'))
    try {
      const sim = await start()
      sim.deposit(TRADER.apiKey, 'ETH', '1')
      sim.deposit(TRADER.apiKey, 'ETH', '2')
      // What a kill in the middle of writing the next record would leave on disk: half of its line.
      const whole = fs.readFileSync(path.join(dir, 'journal.log'))
      sim.deposit(TRADER.apiKey, 'ETH', '4')
      const torn = fs.readFileSync(path.join(dir, 'journal.log')).subarray(0, whole.length + 40)
      fs.copyFileSync(path.join(dir, 'snapshot.json'), path.join(copy, 'snapshot.json'))
      fs.writeFileSync(path.join(copy, 'journal.log'), torn)
      await sim.close()

      let restored = await startSimulator({ tickMs: 0, stateDir: copy, accounts: [TRADER] })
      try {
        assert.strictEqual(restored.balances(TRADER.apiKey).ETH.free, '3.00000000', 'the last deposit was lost, nothing else')
        restored.deposit(TRADER.apiKey, 'ETH', '5')
        const lines = fs.readFileSync(path.join(copy, 'journal.log'), 'utf8').split('\n')
        assert.strictEqual(lines.pop(), '')
        for (const line of lines) assert.strictEqual(zlib.crc32(line.slice(0, line.lastIndexOf('\t'))).toString(16), line.slice(line.lastIndexOf('\t') + 1), 'only whole records are left')
      } finally {
        await restored.close()
      }
      restored = await startSimulator({ tickMs: 0, stateDir: copy, accounts: [TRADER] })
      try {
        assert.strictEqual(restored.balances(TRADER.apiKey).ETH.free, '8.00000000')
      } finally {
        await restored.close()
      }
    } finally {
      fs.rmSync(copy, { recursive: true, force: true })
    }
  })

  it('compaction keeps the journal small', async () => {
    const sim = await start({ journalBytes: 4096 })
    try {
      for (let i = 0; i < 200; i++) sim.trade('BTCUSDT', i % 2 ? 'BUY' : 'SELL', '0.01')
      assert.ok(fs.statSync(path.join(dir, 'journal.log')).size < 8192)
      assert.ok(!fs.existsSync(path.join(dir, 'snapshot.json.tmp')))
    } finally {
      await sim.close()
    }
  })

  it('kill -9 at random moments, 30 times: every restart loads, balances add up with the trades, acknowledged orders are there', async function () {
    this.timeout(120000)
    const child = path.join(__dirname, 'support', 'kill-child.js')
    const acked = []
    let seed = 17
    const rand = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647 }
    for (let round = 0; round < 30; round++) {
      const proc = spawn(process.execPath, [child, dir, JSON.stringify(TRADER)], { stdio: ['ignore', 'pipe', 'pipe'] })
      const running = { proc, exited: new Promise((resolve) => proc.on('exit', resolve)) }
      children.add(running)
      let out = ''
      let err = ''
      try {
        proc.stderr.on('data', (d) => { err += d })
        await new Promise((resolve, reject) => {
          proc.stdout.on('data', (d) => {
            out += d
            if (out.includes('ready\n')) resolve()
          })
          proc.on('exit', () => reject(new Error(`child exited before it was ready: ${err}`)))
        })
        // Kill once the child has traded a random amount, then a random moment later: on a busy
        // machine a fixed delay might kill it before it had written anything worth keeping.
        const target = 2 + Math.floor(rand() * 10)
        await new Promise((resolve) => {
          const check = () => { if ((out.match(/^ack /gm) || []).length >= target) { proc.stdout.off('data', check); resolve() } }
          proc.stdout.on('data', check)
          proc.on('exit', resolve)
          check()
        })
        await new Promise((resolve) => setTimeout(resolve, Math.floor(rand() * 40)))
      } finally {
        await killChild(running)
        children.delete(running)
      }
      assert.strictEqual(err, '', `round ${round}: the child failed: ${err}`)
      // Only whole lines were surely written before the kill.
      for (const line of out.split('\n').slice(0, -1)) if (line.startsWith('ack ')) acked.push(Number(line.slice(4)))

      const sim = await startSimulator({ tickMs: 0, stateDir: dir, accounts: [TRADER] })
      try {
        const balances = sim.balances(TRADER.apiKey)
        let btc = units('100')
        let usdt = units('10000000')
        for (const t of sim.recentFills(TRADER.apiKey, 1e6)) {
          const quote = units(t.quoteQty)
          if (t.isBuyer) { btc += units(t.qty) - units(t.commission); usdt -= quote } else { btc -= units(t.qty); usdt += quote - units(t.commission) }
        }
        assert.strictEqual(fmt(units(balances.BTC.free) + units(balances.BTC.locked)), fmt(btc), `round ${round}: BTC adds up with the trades`)
        assert.strictEqual(fmt(units(balances.USDT.free) + units(balances.USDT.locked)), fmt(usdt), `round ${round}: USDT adds up with the trades`)
        const open = sim.openOrders(TRADER.apiKey)
        const left = (o) => units(o.origQty) - units(o.executedQty)
        const sells = open.filter((o) => o.side === 'SELL').reduce((s, o) => s + left(o), 0n)
        const buys = open.filter((o) => o.side === 'BUY').reduce((s, o) => s + (units(o.price) * left(o)) / 100000000n, 0n)
        assert.strictEqual(balances.BTC.locked, fmt(sells), `round ${round}: BTC held is what the open sells need`)
        assert.ok(units(balances.USDT.locked) >= buys && units(balances.USDT.locked) <= buys + BigInt(open.length), `round ${round}: USDT held is what the open buys need`)
        const known = new Set((await signer(sim, TRADER)('GET', '/api/v3/allOrders', { symbol: 'BTCUSDT', limit: 1000 })).body.map((o) => o.orderId))
        for (const id of acked.slice(-50)) assert.ok(known.has(id), `round ${round}: acknowledged order ${id} was kept`)
      } finally {
        await sim.close()
      }
    }
    assert.ok(acked.length >= 60, `the children traded (${acked.length} orders)`)
  })
})
