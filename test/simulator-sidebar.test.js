'use strict'
// The simulator sidebar's runtime part (plugins/): its admin endpoints in a real
// Node-RED with adminAuth, run as a separate process with the checkout loaded as
// a package, the embedded simulator behind them, and its live notices on comms.
const assert = require('assert')
const fs = require('fs')
const os = require('os')
const path = require('path')
const WebSocket = require('ws')
const { startSimulator } = require('../dist/simulator')
const { Notices, GATHER_MS } = require('../dist/plugins/sidebar-notices')
const { accountId } = require('../dist/plugins/sidebar-accounts')

const nodeRed = require('./support/node-red')
const { startNodeRed } = require('./support/red-process')
const { waitFor, sleep } = require('./support/wait')
const { units, fmt } = require('./support/binance')

const repo = path.join(__dirname, '..')
const bcrypt = require(require.resolve('bcryptjs', { paths: [nodeRed.dir] }))

const API = '/binance-spot/simulator'
const unique = `${process.pid}-${Date.now()}`
// An account a user might have made from a real key: the sidebar must never answer its key or secret whole.
const SENTINEL = { apiKey: `SENTINEL-KEY-${unique}`, apiSecret: `SENTINEL-SECRET-${unique}`, balances: { USDT: '50' } }
// What no answer and no log line may hold: the sentinel's key and secret, and the demo account's.
const SECRETS = [SENTINEL.apiKey, SENTINEL.apiSecret, 'simulator-secret', 'simulator-key']
const USERS = { admin: { password: 'admin-password', permissions: '*' }, reader: { password: 'reader-password', permissions: 'read' } }
const DEMO_START = { USDT: '10000', BTC: '0.5', ETH: '5', BNB: '100' }

const amounts = (balances) => Object.fromEntries(balances.map((b) => [b.asset, String(Number(b.free))]))
/** An asset's free balance in exact units of 1e-8; none held is 0. */
const freeOf = (account, asset) => units(account.balances.find((b) => b.asset === asset)?.free ?? '0')

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
    const tokens = {}
    // Every answer the current test received: none may hold a key or a secret.
    let answers = []

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
    function assertNoSecretIn (texts) {
      for (const text of texts) {
        for (const secret of SECRETS) assert.ok(!text.includes(secret), `an answer holds ${secret}: ${text.slice(0, 200)}`)
      }
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
      const users = Object.entries(USERS).map(([username, u]) => ({ username, password: bcrypt.hashSync(u.password, 8), permissions: u.permissions }))
      red = await startNodeRed({
        userDir: dir,
        settings: {
          flowFile: 'flows.json',
          credentialSecret: 'a-test-secret',
          telemetry: { enabled: false },
          editorTheme: { tours: false, palette: { catalogues: [] } },
          logging: { console: { level: 'warn' } },
          adminAuth: { type: 'credentials', users },
          nodesDir: [repo]
        },
        // With adminAuth the settings need a login; the login page does not.
        readyPath: '/auth/login',
        timeoutMs: 45000
      })
      base = red.base
      tokens.admin = await logIn('admin')
      tokens.reader = await logIn('reader')
    })

    after(async function () {
      if (red) await red.stop()
      if (dir) fs.rmSync(dir, { recursive: true, force: true })
    })

    beforeEach(() => { answers = [] })
    afterEach(() => assertNoSecretIn(answers))

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
      assert.ok(ours, `the plugin is listed\n${red.output()}`)
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

    // The only test that needs the simulator stopped: the tests that need it running
    // start it in their own before hook, and mocha runs them after this one.
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

    describe('with the simulator running', function () {
      before(async function () {
        assert.strictEqual((await ok('POST', '/start', { user: 'admin' })).running, true)
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
        assert.deepStrictEqual((await accounts()).demo.balances, demo.balances, 'nothing was deposited')
      })

      it('deposits, and tells the editors on comms which account changed', async function () {
        const { demo, sentinel } = await accounts()
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
          // comms does not answer a subscription: deposits into the other account until a notice shows it took effect.
          await waitFor('the subscription to take effect', async () => {
            if (notices.some((n) => n.accounts?.includes(sentinel.id))) return true
            await ok('POST', `/accounts/${sentinel.id}/deposit`, { user: 'admin', body: { asset: 'USDT', amount: '0.01' } })
            return false
          }, 10000, 100)

          const { account } = await ok('POST', `/accounts/${demo.id}/deposit`, { user: 'admin', body: { asset: 'usdt', amount: '100.5' } })
          assert.strictEqual(account.id, demo.id)
          assert.strictEqual(fmt(freeOf(account, 'USDT')), fmt(freeOf(demo, 'USDT') + units('100.5')))
          await ok('POST', `/accounts/${demo.id}/deposit`, { user: 'admin', body: { asset: 'DOGE', amount: 42 } })
          assert.strictEqual(fmt(freeOf((await accounts()).demo, 'DOGE')), fmt(freeOf(demo, 'DOGE') + units('42')))
          const ofDemo = () => notices.filter((n) => n.accounts?.includes(demo.id))
          const [notice] = await waitFor('a notice naming the demo account', () => ofDemo().length > 0 && ofDemo(), 3000)
          assert.deepStrictEqual(Object.keys(notice).sort(), ['accounts', 'running'])
          assert.strictEqual(notice.running, true)
          // A later notice of these deposits would come within the gathering time of the last one.
          await sleep(2 * GATHER_MS)
          assert.ok(ofDemo().length <= 2, `two deposits in quick succession make one notice, at most two: ${JSON.stringify(notices)}`)
        } finally {
          ws.close()
        }
      })

      it('shows the open orders and fills of orders a flow placed, and resets to the starting balances', async function () {
        const { demo, sentinel } = await accounts()
        // A deposit of its own for the reset to take back, besides the orders' locked USDT and the fill.
        await ok('POST', `/accounts/${demo.id}/deposit`, { user: 'admin', body: { asset: 'ETH', amount: '1.5' } })
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
          // The inject nodes answer 404 until the new flow has started.
          await waitFor(`inject ${id}`, async () => (await fetch(`${base}/inject/${id}`, { method: 'POST', headers: { Authorization: `Bearer ${tokens.admin}` } })).ok, 15000, 100)
        }

        const { orders } = await waitFor('the limit order', async () => {
          const answer = await ok('GET', `/accounts/${demo.id}/orders`, { user: 'admin' })
          return answer.orders.length === 1 && answer
        }, 15000, 100)
        assert.deepStrictEqual(Object.keys(orders[0]).sort(), ['executedQty', 'orderId', 'origQty', 'price', 'side', 'status', 'stopPrice', 'symbol', 'time', 'type'])
        assert.deepStrictEqual([orders[0].symbol, orders[0].side, orders[0].type, orders[0].status, Number(orders[0].price), Number(orders[0].origQty)], ['BTCUSDT', 'BUY', 'LIMIT', 'NEW', 40000, 0.001])

        const { fills } = await waitFor('the market order\'s fills', async () => {
          const answer = await ok('GET', `/accounts/${demo.id}/fills?limit=5`, { user: 'admin' })
          return answer.fills.length > 0 && answer
        }, 15000, 100)
        assert.ok(fills.length <= 5)
        assert.deepStrictEqual(Object.keys(fills[0]).sort(), ['commission', 'commissionAsset', 'id', 'isMaker', 'orderId', 'price', 'qty', 'quoteQty', 'side', 'symbol', 'time'])
        assert.deepStrictEqual([fills[0].symbol, fills[0].side, fills[0].commissionAsset], ['BTCUSDT', 'BUY', 'BTC'])
        const traded = (await accounts()).demo
        assert.ok(freeOf(traded, 'BTC') > freeOf(demo, 'BTC'), 'the market buy brought BTC')
        assert.ok(traded.balances.some((b) => b.asset === 'USDT' && Number(b.locked) === 40), 'the limit buy locks 40 USDT')

        const { account } = await ok('POST', `/accounts/${demo.id}/reset`, { user: 'admin', body: {} })
        assert.deepStrictEqual(amounts(account.balances), DEMO_START, 'the deposit, the fill and the locked USDT are gone')
        assert.ok(account.balances.every((b) => Number(b.locked) === 0))
        assert.deepStrictEqual((await ok('GET', `/accounts/${demo.id}/orders`, { user: 'admin' })).orders, [])
        assert.deepStrictEqual((await ok('GET', `/accounts/${demo.id}/fills`, { user: 'admin' })).fills, [])
        assert.deepStrictEqual((await accounts()).sentinel, sentinel, 'the other account is untouched')
      })

      it('never answers an API key whole, nor a secret, to any endpoint, nor logs one', async function () {
        const { list } = await accounts()
        for (const user of ['admin', 'reader']) {
          await call('GET', '/accounts', { user })
          await call('POST', '/start', { user })
          for (const { id } of list) {
            await call('GET', `/accounts/${id}/orders`, { user })
            await call('GET', `/accounts/${id}/fills?limit=500`, { user })
            await call('POST', `/accounts/${id}/deposit`, { user, body: { asset: 'USDT', amount: '1' } })
            await call('POST', `/accounts/${id}/deposit`, { user, body: { asset: 'USDT', amount: 'not a number' } })
          }
        }
        // The refusals quote what was sent: an id, an asset, a limit.
        for (const [method, route, body] of ENDPOINTS.slice(2)) await call(method, route.replace(ANY, SENTINEL.apiKey), { user: 'admin', body })
        await call('POST', `/accounts/${list[1].id}/deposit`, { user: 'admin', body: { asset: SENTINEL.apiKey, amount: '1' } })
        await call('GET', `/accounts/${list[1].id}/fills?limit=${SENTINEL.apiSecret}`, { user: 'admin' })
        for (const { id } of list) await call('POST', `/accounts/${id}/reset`, { user: 'admin', body: {} })
        assert.ok(answers.length >= 4 + 8 * list.length + 6, `${answers.length} answers were checked`)
        assertNoSecretIn(answers)
        const log = red.output()
        for (const secret of [SENTINEL.apiKey, SENTINEL.apiSecret]) assert.ok(!log.includes(secret), `the log holds ${secret}`)
      })
    })
  })
})
