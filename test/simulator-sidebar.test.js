'use strict'
// The simulator sidebar's runtime part (plugins/): its admin endpoints in a real
// Node-RED with adminAuth, run as a separate process with the checkout loaded as
// a package, the embedded simulator behind them, and its live notices on comms.
const assert = require('assert')
const fs = require('fs')
const net = require('net')
const os = require('os')
const path = require('path')
const { spawn } = require('child_process')
const WebSocket = require('ws')
const { startSimulator } = require('../dist/simulator')
const { Notices, GATHER_MS } = require('../dist/plugins/sidebar-notices')
const { accountId } = require('../dist/plugins/sidebar-accounts')

const nodeRed = require('./support/node-red')
const { waitFor, sleep } = require('./support/wait')

const repo = path.join(__dirname, '..')
const bcrypt = require(require.resolve('bcryptjs', { paths: [nodeRed.dir] }))

const API = '/binance-spot/simulator'
const unique = `${process.pid}-${Date.now()}`
// An account a user might have made from a real key: the sidebar must never answer its key or secret whole.
const SENTINEL = { apiKey: `SENTINEL-KEY-${unique}`, apiSecret: `SENTINEL-SECRET-${unique}`, balances: { USDT: '50' } }
const USERS = { admin: { password: 'admin-password', permissions: '*' }, reader: { password: 'reader-password', permissions: 'read' } }
const DEMO_START = { USDT: '10000', BTC: '0.5', ETH: '5', BNB: '100' }

function freePort () {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)) })
  })
}

async function until (what, check, ms = 15000) {
  const end = Date.now() + ms
  for (;;) {
    const value = await check().catch(() => undefined)
    if (value) return value
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

const amounts = (balances) => Object.fromEntries(balances.map((b) => [b.asset, String(Number(b.free))]))

describe(`simulator sidebar (Node-RED ${nodeRed.version})`, function () {
  describe('live notices', function () {
    const ALICE = { apiKey: 'notice-alice-key', apiSecret: 'notice-alice-secret', balances: { USDT: '10' } }
    const BOB = { apiKey: 'notice-bob-key', apiSecret: 'notice-bob-secret', balances: { USDT: '10' } }
    let sim, notices
    beforeEach(async () => { sim = await startSimulator({ port: 0, host: '127.0.0.1', tickMs: 0, accounts: [ALICE, BOB] }) })
    afterEach(async () => {
      if (notices) notices.stop()
      notices = undefined
      await sim.close()
    })

    it('gathers a burst of account events into one notice of ids, and stops listening when the simulator goes', async function () {
      const sent = []
      notices = new Notices((n) => sent.push(n))
      const listening = sim.feed.listenerCount('account')
      notices.follow(sim)
      assert.deepStrictEqual(sent, [{ running: true }])
      assert.strictEqual(sim.feed.listenerCount('account'), listening + 1, 'it listens to the account events')
      // Each deposit is a balanceUpdate and an outboundAccountPosition on the feed.
      for (let i = 0; i < 100; i++) sim.deposit(i % 2 ? ALICE.apiKey : BOB.apiKey, 'USDT', '1')
      assert.strictEqual(sent.length, 1, 'nothing before the gathering time')
      await waitFor('the notice', () => sent.length > 1, GATHER_MS + 2000)
      // The burst was over before the notice; a second one would follow within the gathering time.
      await sleep(GATHER_MS + 100)
      assert.strictEqual(sent.length, 2, `one notice for the burst: ${JSON.stringify(sent)}`)
      assert.deepStrictEqual(Object.keys(sent[1]).sort(), ['accounts', 'running'])
      assert.strictEqual(sent[1].running, true)
      assert.deepStrictEqual(sent[1].accounts.sort(), [accountId(ALICE.apiKey), accountId(BOB.apiKey)].sort())
      assert.ok(!JSON.stringify(sent).includes('notice-'), 'a notice names ids, never keys')

      notices.follow(undefined)
      assert.deepStrictEqual(sent[2], { running: false })
      assert.strictEqual(sim.feed.listenerCount('account'), listening, 'it stopped listening')
      sim.deposit(ALICE.apiKey, 'USDT', '1')
      await sleep(GATHER_MS + 100)
      assert.strictEqual(sent.length, 3, 'no notice of a simulator it no longer follows')
    })
  })

  describe('admin endpoints in Node-RED with adminAuth', function () {
    this.timeout(60000)
    let dir, red, base
    let output = ''
    const tokens = {}
    const answers = []

    async function call (method, route, { user, body, token } = {}) {
      const headers = { Accept: 'application/json' }
      const bearer = token ?? (user && tokens[user])
      if (bearer) headers.Authorization = `Bearer ${bearer}`
      if (body !== undefined) headers['Content-Type'] = 'application/json'
      const res = await fetch(`${base}${API}${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
      const text = await res.text()
      answers.push(text)
      return { status: res.status, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text }
    }
    const ok = async (...args) => {
      const answer = await call(...args)
      assert.strictEqual(answer.status, 200, JSON.stringify(answer.body))
      return answer.body
    }
    const refused = async (status, code, ...args) => {
      const answer = await call(...args)
      assert.strictEqual(answer.status, status, JSON.stringify(answer.body))
      assert.strictEqual(answer.body.code, code)
      assert.ok(typeof answer.body.message === 'string' && answer.body.message.length > 20 && !/^errors\./.test(answer.body.message), `a sentence: ${answer.body.message}`)
      return answer.body
    }
    async function accounts () {
      const { accounts: list } = await ok('GET', '/accounts', { user: 'admin' })
      return { demo: list.find((a) => a.demo), sentinel: list.find((a) => !a.demo), list }
    }

    async function logIn (username) {
      const res = await fetch(`${base}/auth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: 'node-red-admin', grant_type: 'password', scope: USERS[username].permissions, username, password: USERS[username].password })
      })
      assert.strictEqual(res.status, 200, `log in as ${username}`)
      return (await res.json()).access_token
    }

    before(async function () {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nrbs-sidebar-'))
      // The embedded simulator restores what it kept in the user dir: here an account besides the demo one.
      const seeded = await startSimulator({ stateDir: path.join(dir, 'binance-spot-simulator'), tickMs: 0, accounts: [SENTINEL] })
      await seeded.close()
      const port = await freePort()
      const users = Object.entries(USERS).map(([username, u]) => ({ username, password: bcrypt.hashSync(u.password, 8), permissions: u.permissions }))
      fs.writeFileSync(path.join(dir, 'settings.js'), `module.exports = ${JSON.stringify({
        uiHost: '127.0.0.1',
        uiPort: port,
        flowFile: 'flows.json',
        credentialSecret: 'a-test-secret',
        telemetry: { enabled: false },
        editorTheme: { tours: false, palette: { catalogues: [] } },
        logging: { console: { level: 'warn' } },
        adminAuth: { type: 'credentials', users },
        nodesDir: [repo]
      })}`)
      red = spawn(process.execPath, [nodeRed.script, '--userDir', dir, '--settings', path.join(dir, 'settings.js')], { stdio: ['ignore', 'pipe', 'pipe'] })
      red.stdout.on('data', (d) => { output += d })
      red.stderr.on('data', (d) => { output += d })
      base = `http://127.0.0.1:${port}`
      await until(`Node-RED on ${base}\n${output}`, async () => (await fetch(`${base}/auth/login`)).ok, 45000)
      tokens.admin = await logIn('admin')
      tokens.reader = await logIn('reader')
    })

    after(async function () {
      if (red && red.exitCode === null) {
        const exited = new Promise((resolve) => red.once('exit', resolve))
        red.kill('SIGTERM')
        await exited
      }
      if (dir) fs.rmSync(dir, { recursive: true, force: true })
    })

    const ANY = '0123456789abcdef'
    const ENDPOINTS = [
      ['GET', '/accounts'],
      ['POST', '/start'],
      ['GET', `/accounts/${ANY}/orders`],
      ['GET', `/accounts/${ANY}/fills`],
      ['POST', `/accounts/${ANY}/deposit`, { asset: 'USDT', amount: '1' }],
      ['POST', `/accounts/${ANY}/reset`, {}]
    ]

    it('refuses every endpoint without a login, or with a token Node-RED did not give', async function () {
      for (const [method, route, body] of ENDPOINTS) {
        assert.strictEqual((await call(method, route, { body })).status, 401, `${method} ${route}`)
        assert.strictEqual((await call(method, route, { body, token: 'not-a-token' })).status, 401, `${method} ${route} with a made-up token`)
      }
    })

    it('is loaded as a plugin, with its editor part and its catalogue where Node-RED looks for them', async function () {
      const headers = { Authorization: `Bearer ${tokens.admin}` }
      const list = await (await fetch(`${base}/plugins`, { headers: { ...headers, Accept: 'application/json' } })).json()
      const ours = list.find((p) => p.module === require('../package.json').name)
      assert.ok(ours, `the plugin is listed\n${output}`)
      assert.strictEqual(ours.err, undefined, `${ours.err}`)
      assert.deepStrictEqual(ours.plugins.map((p) => p.id), ['binance-spot-simulator'], 'the runtime part registered itself')
      const html = await (await fetch(`${base}/plugins`, { headers: { ...headers, Accept: 'text/html' } })).text()
      assert.match(html, /RED\.plugins\.registerPlugin\('binance-spot-simulator'/)
      const catalogues = await (await fetch(`${base}/plugins/messages?lng=en-US`, { headers })).json()
      assert.strictEqual(catalogues[ours.id]?.sidebar?.name, 'Binance simulator')
    })

    it('lets a read-only user read but not deposit, reset or start', async function () {
      for (const [method, route, body] of ENDPOINTS) {
        const { status } = await call(method, route, { body, user: 'reader' })
        if (method === 'GET') assert.notStrictEqual(status, 401, `${method} ${route}`)
        else assert.strictEqual(status, 401, `${method} ${route}`)
      }
    })

    it('says when the embedded simulator has not started, and starts it on request', async function () {
      assert.deepStrictEqual(await ok('GET', '/accounts', { user: 'admin' }), { running: false, accounts: [] })
      await refused(503, 'simulator_not_running', 'GET', `/accounts/${ANY}/orders`, { user: 'admin' })
      const started = await ok('POST', '/start', { user: 'admin' })
      assert.strictEqual(started.running, true)
      const { demo, sentinel, list } = await accounts()
      assert.deepStrictEqual(list.map((a) => a.demo), [true, false], 'the demo account first, then the restored one')
      assert.deepStrictEqual(amounts(demo.balances), DEMO_START)
      assert.deepStrictEqual(amounts(sentinel.balances), { USDT: '50' })
      assert.match(demo.id, /^[0-9a-f]{16}$/)
      assert.strictEqual(sentinel.keyHint, `SENT…${SENTINEL.apiKey.slice(-4)}`)
      assert.deepStrictEqual(await ok('POST', '/start', { user: 'admin' }), started, 'starting again is harmless')
    })

    it('refuses bad input with 400 and a sentence, and an unknown account with 404', async function () {
      const { demo } = await accounts()
      const deposit = `/accounts/${demo.id}/deposit`
      for (const asset of [undefined, '', 'US DT', 'USDT!', 'X'.repeat(21), 5]) {
        await refused(400, 'invalid_asset', 'POST', deposit, { user: 'admin', body: { asset, amount: '1' } })
      }
      for (const amount of [undefined, '', '0', '0.000', '-1', '1e-7', 1e-7, '0.000000001', 'abc', '1,5', Infinity, '1'.repeat(21)]) {
        await refused(400, 'invalid_amount', 'POST', deposit, { user: 'admin', body: { asset: 'USDT', amount } })
      }
      for (const limit of ['0', '501', 'x', '1.5', '-1']) {
        await refused(400, 'invalid_limit', 'GET', `/accounts/${demo.id}/fills?limit=${limit}`, { user: 'admin' })
      }
      for (const [method, route, body] of ENDPOINTS.slice(2)) {
        await refused(404, 'unknown_account', method, route, { user: 'admin', body })
      }
      assert.deepStrictEqual(amounts((await accounts()).demo.balances), DEMO_START, 'nothing was deposited')
    })

    it('deposits, and tells the editors on comms which account changed', async function () {
      const { demo } = await accounts()
      const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/comms`)
      const notices = []
      let authorised
      const ready = new Promise((resolve) => { authorised = resolve })
      ws.on('message', (data) => {
        for (const m of [].concat(JSON.parse(data))) {
          if (m.auth === 'ok') authorised()
          if (m.topic === 'binance-spot/simulator') notices.push(m.data)
        }
      })
      await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject) })
      ws.send(JSON.stringify({ auth: tokens.admin }))
      try {
        // comms drops a connection that subscribes before its login is through.
        await ready
        ws.send(JSON.stringify({ subscribe: 'binance-spot/simulator' }))
        await new Promise((resolve) => setTimeout(resolve, 100))
        const { account } = await ok('POST', `/accounts/${demo.id}/deposit`, { user: 'admin', body: { asset: 'usdt', amount: '100.5' } })
        assert.strictEqual(account.id, demo.id)
        assert.strictEqual(amounts(account.balances).USDT, '10100.5')
        await ok('POST', `/accounts/${demo.id}/deposit`, { user: 'admin', body: { asset: 'DOGE', amount: 42 } })
        assert.strictEqual(amounts((await accounts()).demo.balances).DOGE, '42')
        const notice = await until('a notice', async () => notices.find((n) => n.accounts?.includes(demo.id)), 3000)
        assert.deepStrictEqual(Object.keys(notice).sort(), ['accounts', 'running'])
        await new Promise((resolve) => setTimeout(resolve, 2 * GATHER_MS))
        assert.ok(notices.length <= 2, `two deposits in quick succession make one notice, at most two: ${JSON.stringify(notices)}`)
      } finally {
        ws.close()
      }
    })

    it('shows the open orders and fills of orders a flow placed, and resets to the starting balances', async function () {
      const { demo } = await accounts()
      const z = 'sidebar-tab'
      const buy = (id, extra) => ({ id, type: 'binance-spot-buy', z, account: 'sidebar-account', symbol: 'BTCUSDT', amountType: 'quantity', amount: '0.001', price: '', timeInForce: 'GTC', x: 300, y: 100, wires: [[]], ...extra })
      const inject = (id, target, y) => ({ id, type: 'inject', z, props: [{ p: 'payload' }], payload: '', payloadType: 'date', repeat: '', once: false, x: 100, y, wires: [[target]] })
      const flow = [
        { id: z, type: 'tab', label: 'sidebar' },
        { id: 'sidebar-account', type: 'binance-spot-account', name: 'simulator', environment: 'simulator' },
        inject('sidebar-inject-limit', 'sidebar-limit', 100), buy('sidebar-limit', { orderType: 'LIMIT', price: '40000' }),
        inject('sidebar-inject-market', 'sidebar-market', 200), buy('sidebar-market', { orderType: 'MARKET', y: 200 })
      ]
      const deployed = await fetch(`${base}/flows`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${tokens.admin}`, 'Content-Type': 'application/json', 'Node-RED-Deployment-Type': 'full' },
        body: JSON.stringify(flow)
      })
      assert.ok(deployed.ok, await deployed.text())
      for (const id of ['sidebar-inject-limit', 'sidebar-inject-market']) {
        await until(`inject ${id}`, async () => (await fetch(`${base}/inject/${id}`, { method: 'POST', headers: { Authorization: `Bearer ${tokens.admin}` } })).ok)
      }

      const { orders } = await until('the limit order', async () => {
        const answer = await ok('GET', `/accounts/${demo.id}/orders`, { user: 'admin' })
        return answer.orders.length === 1 && answer
      })
      assert.deepStrictEqual(Object.keys(orders[0]).sort(), ['executedQty', 'orderId', 'origQty', 'price', 'side', 'status', 'stopPrice', 'symbol', 'time', 'type'])
      assert.deepStrictEqual([orders[0].symbol, orders[0].side, orders[0].type, orders[0].status, Number(orders[0].price), Number(orders[0].origQty)], ['BTCUSDT', 'BUY', 'LIMIT', 'NEW', 40000, 0.001])

      const { fills } = await until('the market order\'s fills', async () => {
        const answer = await ok('GET', `/accounts/${demo.id}/fills?limit=5`, { user: 'admin' })
        return answer.fills.length > 0 && answer
      })
      assert.ok(fills.length <= 5)
      assert.deepStrictEqual(Object.keys(fills[0]).sort(), ['commission', 'commissionAsset', 'id', 'isMaker', 'orderId', 'price', 'qty', 'quoteQty', 'side', 'symbol', 'time'])
      assert.deepStrictEqual([fills[0].symbol, fills[0].side, fills[0].commissionAsset], ['BTCUSDT', 'BUY', 'BTC'])
      const balances = amounts((await accounts()).demo.balances)
      assert.ok(Number(balances.BTC) > 0.5, 'the market buy brought BTC')
      assert.ok((await accounts()).demo.balances.some((b) => b.asset === 'USDT' && Number(b.locked) === 40), 'the limit buy locks 40 USDT')

      const { account } = await ok('POST', `/accounts/${demo.id}/reset`, { user: 'admin', body: {} })
      assert.deepStrictEqual(amounts(account.balances), DEMO_START, 'the deposits, the fill and the locked USDT are gone')
      assert.ok(account.balances.every((b) => Number(b.locked) === 0))
      assert.deepStrictEqual((await ok('GET', `/accounts/${demo.id}/orders`, { user: 'admin' })).orders, [])
      assert.deepStrictEqual((await ok('GET', `/accounts/${demo.id}/fills`, { user: 'admin' })).fills, [])
      const { sentinel } = await accounts()
      assert.deepStrictEqual(amounts(sentinel.balances), { USDT: '50' }, 'the other account is untouched')
    })

    it('never answers an API key whole, nor a secret', function () {
      assert.ok(answers.length > 50, `${answers.length} answers were checked`)
      for (const text of answers) {
        for (const secret of [SENTINEL.apiKey, SENTINEL.apiSecret, 'simulator-secret', 'simulator-key']) {
          assert.ok(!text.includes(secret), `an answer holds ${secret}: ${text.slice(0, 200)}`)
        }
      }
      assert.ok(!output.includes(SENTINEL.apiKey) && !output.includes(SENTINEL.apiSecret), 'nor the log')
    })
  })
})
