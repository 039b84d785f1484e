'use strict'
// The simulator sidebar in a real editor: a person opens the tab, starts the
// embedded simulator, deposits, watches orders that a deployed flow places
// appear without reloading, and resets the demo account after confirming.
const assert = require('assert')
const fs = require('fs')
const os = require('os')
const path = require('path')
const { isDeepStrictEqual } = require('util')

const nodeRed = require('../support/node-red')
const { startNodeRed } = require('../support/red-process')
const { waitFor } = require('../support/wait')
const { units, fmt } = require('../support/binance')
const { launchBrowser, picturesFolder, repo } = require('./support')

const RESULTS = path.join(repo, 'test-results')
const PICTURES = picturesFolder(RESULTS)
const API = '/binance-spot/simulator'

const RAW_KEY = /^[a-z-]+(\.[A-Za-z0-9_-]+)+$/
const z = 'sidebar-flow'
const inject = (id, name, target, y) => ({ id, type: 'inject', z, name, props: [{ p: 'payload' }], payload: '', payloadType: 'date', repeat: '', once: false, x: 140, y, wires: [[target]] })
const buy = (id, name, y, extra) => ({ id, type: 'binance-spot-buy', z, name, account: 'sidebar-account', symbol: 'BTCUSDT', amountType: 'quantity', amount: '0.001', price: '', timeInForce: 'GTC', x: 360, y, wires: [[]], ...extra })
const FLOW = [
  { id: z, type: 'tab', label: 'Paper trading' },
  { id: 'sidebar-account', type: 'binance-spot-account', name: 'Binance simulator', environment: 'simulator' },
  inject('sidebar-inject-limit', 'limit buy', 'sidebar-limit', 80), buy('sidebar-limit', 'buy 0.001 BTC at 40000', 80, { orderType: 'LIMIT', price: '40000' }),
  inject('sidebar-inject-market', 'market buy', 'sidebar-market', 160), buy('sidebar-market', 'buy 0.001 BTC at market', 160, { orderType: 'MARKET' })
]

/** A decimal as the sidebar shows it: no trailing zeros. */
const plain = (decimal) => (decimal.includes('.') ? decimal.replace(/0+$/, '').replace(/\.$/, '') : decimal)

// Node-RED runs as a process of its own: the editor test already runs one in this process, and there can be one only.
describe(`simulator sidebar in a browser (Node-RED ${nodeRed.version})`, function () {
  let red, baseUrl, userDir, browser, page
  const sidebar = () => page.locator('.binance-spot-sim')
  const demo = () => sidebar().locator('.binance-spot-sim-account').first()
  const cells = (kind) => demo().locator(`[data-binance-sim="${kind}"] tbody tr`).evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.textContent.trim())))
  const balances = async () => Object.fromEntries((await cells('balances')).map(([asset, free]) => [asset, free]))
  const DEMO_START = { BNB: '100', BTC: '0.5', ETH: '5', USDT: '10000' }

  /** The demo account as the admin API answers it (no adminAuth here). */
  async function demoAccount () {
    const res = await fetch(`${baseUrl}${API}/accounts`)
    assert.strictEqual(res.status, 200)
    return (await res.json()).accounts.find((a) => a.demo)
  }

  async function openSidebar () {
    if (await sidebar().isVisible()) return
    const button = page.locator('button[data-tab-id="binance-spot-simulator"]')
    if (await button.count()) {
      // Node-RED 5: a button in the sidebars' tab bar.
      assert.strictEqual(await button.getAttribute('aria-label'), 'Binance simulator')
      await button.click()
    } else {
      // Node-RED 4, with the core tabs there: under the sidebar's tab menu.
      await page.locator('#red-ui-sidebar .red-ui-tab-link-button-menu').click()
      await page.locator('#red-ui-tabs-menu-option-binance-spot-simulator', { hasText: 'Binance simulator' }).click()
    }
    await sidebar().waitFor()
  }

  /** The sidebar open on a running simulator, started from its button if it had not. */
  async function openRunning () {
    await openSidebar()
    const balancesShown = demo().locator('[data-binance-sim="balances"]')
    const start = page.locator('.binance-spot-sim-start')
    await waitFor('the balances or the start button', async () => (await balancesShown.isVisible()) || (await start.isVisible()), 30000, 100)
    if (await start.isVisible()) await start.click()
    await balancesShown.waitFor()
  }

  before(async function () {
    userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nr-binance-userdir-'))
    fs.mkdirSync(PICTURES, { recursive: true })
    // The flow is there before the editor opens; nothing in it has used the simulator yet.
    fs.writeFileSync(path.join(userDir, 'flows.json'), JSON.stringify(FLOW))
    red = await startNodeRed({
      userDir,
      settings: {
        flowFile: 'flows.json',
        credentialSecret: 'a-test-secret',
        telemetry: { enabled: false },
        // No palette catalogue: the editor would fetch it from the internet.
        editorTheme: { tours: false, palette: { catalogues: [] }, projects: { enabled: false } },
        logging: { console: { level: 'warn' } },
        nodesDir: [repo]
      }
    })
    baseUrl = red.base
    browser = await launchBrowser()
    page = browser.page
    await page.goto(baseUrl)
    await page.locator('.red-ui-palette-node[data-palette-type="binance-spot-balance"]').waitFor({ timeout: 60000 })
  })

  afterEach(async function () {
    if (this.currentTest.state === 'failed' && page) await page.screenshot({ path: path.join(RESULTS, `failed-sidebar-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 50)}.png`) })
    if (browser) assert.deepStrictEqual(browser.pageErrors.splice(0), [], 'JavaScript errors in the editor')
  })

  after(async function () {
    if (browser) await browser.close()
    if (red) await red.stop()
    if (userDir) fs.rmSync(userDir, { recursive: true, force: true })
  })

  // The only test that needs the simulator not started: mocha runs it first, and the others start it if it has not.
  it('opens from its tab, says the simulator has not started, and starts it to show the demo account', async function () {
    await openSidebar()
    await page.locator('.binance-spot-sim-start').waitFor()
    assert.match(await sidebar().innerText(), /has not started yet/)
    await page.locator('.binance-spot-sim-start').click()
    await demo().locator('[data-binance-sim="balances"]').waitFor()
    assert.strictEqual((await demo().locator('.binance-spot-sim-title span').innerText()).trim(), 'Demo account')
    assert.deepStrictEqual(await balances(), DEMO_START)
    assert.ok(!(await page.locator('.binance-spot-sim-start').isVisible()))
    const texts = await sidebar().evaluate((el) => [...el.querySelectorAll('th, button, span, div, p')].map((e) => e.textContent.trim()).filter(Boolean))
    assert.deepStrictEqual(texts.filter((t) => RAW_KEY.test(t)), [], 'untranslated texts')
    assert.ok(!(await sidebar().innerText()).includes('simulator-key'), 'the demo account is shown by name')
  })

  it('deposits through the form', async function () {
    await openRunning()
    const usdt = units((await demoAccount()).balances.find((b) => b.asset === 'USDT').free)
    const after = plain(fmt(usdt + units('250.5')))
    await demo().locator('.binance-spot-sim-asset').fill('usdt')
    await demo().locator('.binance-spot-sim-amount').fill('250.5')
    await demo().locator('.binance-spot-sim-deposit button').click()
    await waitFor('the deposit in the balances', async () => (await balances()).USDT === after, 10000, 100)
    await page.locator('.red-ui-notification', { hasText: '250.5 USDT deposited into Demo account' }).waitFor()
    await demo().locator('.binance-spot-sim-amount').fill('0')
    await demo().locator('.binance-spot-sim-deposit button').click()
    await page.locator('.red-ui-notification', { hasText: 'positive plain decimal' }).waitFor()
    assert.strictEqual((await balances()).USDT, after)
    assert.strictEqual(plain((await demoAccount()).balances.find((b) => b.asset === 'USDT').free), after, 'the refused deposit changed nothing')
    for (const field of ['asset', 'amount']) await demo().locator(`.binance-spot-sim-${field}`).fill('')
  })

  it('shows the orders and fills of a deployed flow as they happen, without reloading', async function () {
    await openRunning()
    for (const id of ['sidebar-inject-limit', 'sidebar-inject-market']) {
      const res = await fetch(`${baseUrl}/inject/${id}`, { method: 'POST' })
      assert.strictEqual(res.status, 200, id)
    }
    const orders = await waitFor('the limit order', async () => { const rows = await cells('orders'); return rows.length === 1 && rows }, 10000, 100)
    assert.deepStrictEqual(orders[0], ['BTCUSDT', 'BUY', 'LIMIT', '40000', '0.001', '0', 'NEW'])
    const fills = await waitFor('the market order\'s fill', async () => { const rows = await cells('fills'); return rows.length > 0 && rows }, 10000, 100)
    assert.deepStrictEqual(fills[0].slice(1, 3), ['BTCUSDT', 'BUY'])
    assert.match(fills[0][5], /^[0-9.]+ BTC$/, 'the commission, in the asset bought')
    await waitFor('the locked USDT', async () => (await cells('balances')).some(([asset, , locked]) => asset === 'USDT' && locked === '40'), 10000, 100)
    // The picture: the sidebar dragged wider, as someone reading its tables would, and no notifications over it.
    const separator = await page.locator('#red-ui-sidebar-separator').boundingBox()
    await page.mouse.move(separator.x + separator.width / 2, separator.y + separator.height / 2)
    await page.mouse.down()
    await page.mouse.move(separator.x - 220, separator.y + separator.height / 2, { steps: 10 })
    await page.mouse.up()
    await page.evaluate(() => $('.red-ui-notification').each((i, n) => n.close()))
    await page.locator('.red-ui-notification').first().waitFor({ state: 'detached' })
    // The price walks with the clock: the picture shows the fill at one fixed time and price
    // (and the USDT left after it), so that it changes only when the sidebar does.
    await demo().evaluate((el) => {
      // Nor the focus left in the deposit form by the previous test.
      document.activeElement.blur()
      const fill = el.querySelector('[data-binance-sim="fills"] tbody tr').cells
      fill[0].textContent = '12:00:00'
      fill[3].textContent = '60000.01'
      const usdt = [...el.querySelectorAll('[data-binance-sim="balances"] tbody tr')].find((r) => r.cells[0].textContent === 'USDT')
      usdt.cells[1].textContent = '10150.49999'
    })
    // Without the palette: the flow that traded and the sidebar that shows it.
    await page.screenshot({ path: path.join(PICTURES, 'simulator-sidebar.png'), clip: { x: 180, y: 0, width: 1260, height: 540 } })
  })

  it('resets the demo account only once confirmed, back to its starting balances', async function () {
    await openRunning()
    // Something of its own for the reset to take back, whatever ran before.
    const { id } = await demoAccount()
    const deposited = await fetch(`${baseUrl}${API}/accounts/${id}/deposit`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ asset: 'ETH', amount: '1.5' }) })
    assert.strictEqual(deposited.status, 200, await deposited.text())
    const { balances: before } = await demoAccount()
    await waitFor('the deposit in the sidebar', async () => (await balances()).ETH === plain(before.find((b) => b.asset === 'ETH').free), 10000, 100)

    // Every reset the page asks for, from now until the end of the test.
    const resets = []
    const onRequest = (request) => { if (request.method() === 'POST' && /\/accounts\/[0-9a-f]+\/reset$/.test(new URL(request.url()).pathname)) resets.push(request.url()) }
    page.on('request', onRequest)
    try {
      await demo().locator('.binance-spot-sim-reset').click()
      const confirm = page.locator('.red-ui-notification', { hasText: 'Reset Demo account?' })
      await confirm.waitFor()
      await confirm.locator('button', { hasText: 'Cancel' }).click()
      await confirm.waitFor({ state: 'detached' })

      await demo().locator('.binance-spot-sim-reset').click()
      await confirm.waitFor()
      assert.deepStrictEqual(resets, [], 'Cancel asked for no reset')
      assert.deepStrictEqual((await demoAccount()).balances, before, 'cancelled: nothing changed')
      await confirm.locator('.binance-spot-sim-confirm-reset').click()
      await waitFor('the starting balances', async () => isDeepStrictEqual(await balances(), DEMO_START), 10000, 100)
      await demo().locator('[data-binance-sim="orders"].binance-spot-sim-none').waitFor()
      await demo().locator('[data-binance-sim="fills"].binance-spot-sim-none').waitFor()
      await page.locator('.red-ui-notification', { hasText: 'Demo account is back to its starting balances' }).waitFor()
      // A reset sent by Cancel, however late, would be a second one.
      assert.strictEqual(resets.length, 1, `one reset, the one confirmed: ${resets.join(', ')}`)
    } finally {
      page.off('request', onRequest)
    }
  })
})
