'use strict'
// Loads the built package into a real Node-RED, the way an installed package
// is loaded, and drives its editor in headless Chromium as a person would:
// palette, edit dialogs, credentials, deploy, export, help and icons.
const assert = require('assert')
const fs = require('fs')
const http = require('http')
const os = require('os')
const path = require('path')
const { chromium } = require('playwright-core')
const nodeRed = require('../support/node-red')

const repo = path.resolve(__dirname, '..', '..')
const MODULE = require(path.join(repo, 'package.json')).name
const RESULTS = path.join(repo, 'test-results')
const unique = `${process.pid}-${Date.now()}`
const SENTINEL_KEY = `SENTINEL-KEY-${unique}`
const SENTINEL_SECRET = `SENTINEL-SECRET-${unique}`

const PALETTE_LABELS = {
  'binance-spot-connect': 'connect',
  'binance-spot-disconnect': 'disconnect',
  'binance-spot-balance': 'balance',
  'binance-spot-price': 'price',
  'binance-spot-market': 'market data',
  'binance-spot-buy': 'buy',
  'binance-spot-sell': 'sell',
  'binance-spot-cancel': 'cancel',
  'binance-spot-order-status': 'order status',
  'binance-spot-open-orders': 'open orders',
  'binance-spot-history': 'history'
}

// A message catalogue key that failed to translate shows as itself, e.g. "balance.label.asset".
const RAW_KEY = /^[a-z-]+(\.[A-Za-z0-9_-]+)+$/

function assertNoSecret (where, text) {
  assert.ok(!text.includes(SENTINEL_KEY), `the API key appears in ${where}`)
  assert.ok(!text.includes(SENTINEL_SECRET), `the API secret appears in ${where}`)
}

describe('editor in a browser', function () {
  let RED
  let server
  let baseUrl
  let userDir
  let profileDir
  let context
  let page
  const pageErrors = []

  before(async function () {
    userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nr-binance-userdir-'))
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nr-binance-chromium-'))
    RED = nodeRed.load()
    // Only the admin app is needed: the editor and its API live at '/'.
    server = http.createServer((req, res) => RED.httpAdmin(req, res))
    RED.init(server, {
      userDir,
      httpAdminRoot: '/',
      httpNodeRoot: '/api',
      uiHost: '127.0.0.1',
      flowFile: 'flows.json',
      credentialSecret: 'a-test-secret',
      telemetry: { enabled: false },
      // No palette catalogue: the editor would fetch it from the internet.
      editorTheme: { tours: false, palette: { catalogues: [] } },
      logging: { console: { level: 'warn' } },
      // The checkout is a node-red module (package.json "node-red" section): Node-RED
      // loads it like an installed package, icons and locales included.
      nodesDir: [repo]
    })
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
    baseUrl = `http://127.0.0.1:${server.address().port}`
    await RED.start()

    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run'],
      viewport: { width: 1440, height: 900 }
    })
    page = context.pages()[0] || await context.newPage()
    page.on('pageerror', (err) => pageErrors.push(err.message))
    await page.goto(baseUrl)
    await page.locator('.red-ui-palette-node[data-palette-type="binance-spot-balance"]').waitFor({ timeout: 60000 })
  })

  after(async function () {
    if (context) await context.close()
    if (RED) await RED.stop()
    if (server) await new Promise((resolve) => server.close(resolve))
    for (const dir of [userDir, profileDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true })
  })

  it('shows every node in a Binance palette category with its label and icon', async function () {
    const header = page.locator('#red-ui-palette-header-Binance')
    assert.strictEqual((await header.innerText()).trim(), 'Binance')
    for (const [type, label] of Object.entries(PALETTE_LABELS)) {
      const node = page.locator(`#red-ui-palette-container-Binance .red-ui-palette-node[data-palette-type="${type}"]`)
      assert.strictEqual((await node.locator('.red-ui-palette-label').innerText()).trim(), label, type)
    }
    const iconUrl = await page.locator('.red-ui-palette-node[data-palette-type="binance-spot-balance"] .red-ui-palette-icon')
      .evaluate((el) => getComputedStyle(el).backgroundImage.replace(/^url\("?|"?\)$/g, ''))
    assert.ok(iconUrl.endsWith(`/icons/${MODULE}/binance.svg`), iconUrl)
    for (const url of [iconUrl, `${baseUrl}/icons/${MODULE}/binance-connect.svg`]) {
      const res = await fetch(url)
      assert.strictEqual(res.status, 200, url)
      assert.match(res.headers.get('content-type'), /svg/)
    }
  })

  it('keeps the account key and secret out of the flow, the exports, the admin API and the dialog', async function () {
    const box = await page.locator('#red-ui-workspace-chart').boundingBox()
    const paletteNode = page.locator('.red-ui-palette-node[data-palette-type="binance-spot-balance"]')
    await paletteNode.hover()
    await page.mouse.down()
    await page.mouse.move(box.x + 300, box.y + 200, { steps: 15 })
    await page.mouse.up()
    const balanceId = await page.evaluate(() => RED.nodes.filterNodes({ type: 'binance-spot-balance' })[0]?.id)
    assert.ok(balanceId, 'the dragged balance node is in the flow')

    await page.locator(`g[id="${balanceId}"] .red-ui-flow-node`).dblclick()
    await page.locator('#node-input-asset').fill('btc')
    await page.locator('#node-input-btn-account-add').click()
    const environment = page.locator('#node-config-input-environment')
    await environment.waitFor()
    assert.strictEqual(await environment.inputValue(), 'simulator')
    assert.match(await page.locator('.red-ui-tray-titlebar').last().innerText(), /Binance account/)
    await environment.selectOption('live')
    assert.ok(await page.locator('#binance-spot-account-live-warning').isVisible(), 'live shows the real-money warning')
    await page.screenshot({ path: path.join(RESULTS, 'account-dialog.png') })
    assert.ok(!(await page.locator('#binance-spot-account-custom-rows').isVisible()))
    await environment.selectOption('custom')
    assert.ok(await page.locator('#node-config-input-restUrl').isVisible(), 'custom shows the URL rows')
    await environment.selectOption('testnet')
    assert.ok(!(await page.locator('#binance-spot-account-live-warning').isVisible()))
    assert.ok(!(await page.locator('#binance-spot-account-custom-rows').isVisible()))
    await page.locator('#node-config-input-apiKey').fill(SENTINEL_KEY)
    await page.locator('#node-config-input-apiSecret').fill(SENTINEL_SECRET)
    await page.locator('#node-config-dialog-ok').click()
    await page.locator('#node-dialog-ok').click()
    await page.locator('#node-dialog-ok').waitFor({ state: 'detached' })

    const accountId = await page.evaluate((id) => RED.nodes.node(id).account, balanceId)
    assert.ok(accountId, 'an account config node was added')
    const labels = await page.evaluate(([b, a]) => [RED.utils.getNodeLabel(RED.nodes.node(b)), RED.utils.getNodeLabel(RED.nodes.node(a))], [balanceId, accountId])
    assert.deepStrictEqual(labels, ['BTC', 'Binance testnet'])

    await page.locator('#red-ui-header-button-deploy').click()
    await page.locator('.red-ui-notification', { hasText: 'Successfully deployed' }).waitFor()

    const flowsResponse = await (await fetch(`${baseUrl}/flows`)).text()
    assertNoSecret('GET /flows', flowsResponse)
    const deployed = JSON.parse(flowsResponse)
    const account = deployed.find((n) => n.id === accountId)
    assert.strictEqual(account.environment, 'testnet', 'the account was deployed')
    assert.strictEqual(deployed.find((n) => n.id === balanceId).account, accountId)

    const credentialsResponse = await (await fetch(`${baseUrl}/credentials/binance-spot-account/${accountId}`)).text()
    assertNoSecret('GET /credentials', credentialsResponse)
    assert.deepStrictEqual(JSON.parse(credentialsResponse), { has_apiKey: true, has_apiSecret: true, has_privateKey: false, has_privateKeyPassphrase: false })

    assertNoSecret('flows.json', fs.readFileSync(path.join(userDir, 'flows.json'), 'utf8'))
    const storedCredentials = fs.readFileSync(path.join(userDir, 'flows_cred.json'), 'utf8')
    assertNoSecret('flows_cred.json', storedCredentials)
    assert.ok(JSON.parse(storedCredentials).$, 'credentials are stored encrypted')

    assertNoSecret('the editor\'s node set', await page.evaluate(() => JSON.stringify(RED.nodes.createCompleteNodeSet({ credentials: true }))))

    await page.locator('#red-ui-header-button-sidemenu').click()
    await page.locator('#menu-item-export').click()
    await page.locator('#red-ui-clipboard-dialog-export-rng-full').click()
    const exported = await page.locator('#red-ui-clipboard-dialog-export-text').inputValue()
    assert.ok(exported.includes(accountId), 'the export holds the account node')
    assertNoSecret('the exported flow', exported)
    await page.locator('#red-ui-clipboard-dialog-cancel').click()

    await page.locator(`g[id="${balanceId}"] .red-ui-flow-node`).dblclick()
    await page.locator('#node-input-btn-account-edit').click()
    await page.locator('#node-config-input-apiKey').waitFor()
    const shown = await page.evaluate(() => ['apiKey', 'apiSecret', 'privateKey', 'privateKeyPassphrase']
      .map((c) => document.getElementById(`node-config-input-${c}`).value))
    assert.deepStrictEqual(shown, ['__PWRD__', '__PWRD__', '', ''])
    assertNoSecret('the re-opened account dialog', await page.content())
    await page.locator('#node-config-dialog-cancel').click()
    await page.locator('#node-dialog-cancel').click()
    await page.locator('#node-dialog-cancel').waitFor({ state: 'detached' })

    await page.evaluate(() => RED.sidebar.help.show('binance-spot-balance'))
    const help = page.locator('.red-ui-sidebar-help-stack .red-ui-help').first()
    await page.locator('.red-ui-sidebar-help-stack .red-ui-help-title', { hasText: 'balance' }).waitFor()
    const helpText = await help.innerText()
    assert.match(helpText, /free and locked balance/)
    assert.match(helpText, /request weight 20/)

    await page.locator(`g[id="${balanceId}"] .red-ui-flow-node`).click()
    await page.screenshot({ path: path.join(RESULTS, 'editor.png') })
  })

  it('opens a translated edit dialog for every node type', async function () {
    const types = Object.keys(PALETTE_LABELS)
    const ids = types.map((_, i) => `dialog-check-${i}`)
    await page.evaluate(([list, nodeIds]) => {
      const z = RED.workspaces.active()
      const nodes = list.map((type, i) => ({ id: nodeIds[i], type, z, x: 150 + 150 * (i % 5), y: 320 + 60 * Math.floor(i / 5), wires: [[]] }))
      RED.nodes.import(nodes, { applyNodeDefaults: true })
      RED.view.redraw(true)
    }, [types, ids])

    for (const id of ids) {
      const type = await page.evaluate((nodeId) => RED.nodes.node(nodeId).type, id)
      const label = await page.evaluate((nodeId) => RED.utils.getNodeLabel(RED.nodes.node(nodeId)), id)
      assert.ok(label && !RAW_KEY.test(label), `${type} label "${label}"`)
      const help = await page.evaluate((t) => $(`script[data-help-name="${t}"]`).text(), type)
      assert.match(help, /<h3>Details<\/h3>[\s\S]*<h3>References<\/h3>/, `${type}: help text`)
      assert.strictEqual(await page.evaluate((nodeId) => RED.nodes.node(nodeId).valid, id), true, `${type}: its defaults pass its own validation`)
      await page.evaluate((nodeId) => RED.editor.edit(RED.nodes.node(nodeId)), id)
      const form = page.locator('#dialog-form')
      await form.waitFor()
      const texts = await form.evaluate((el) => [
        ...[...el.querySelectorAll('label, option, span, strong, .form-tips')].map((e) => e.textContent.trim()),
        ...[...el.querySelectorAll('[placeholder]')].map((e) => e.getAttribute('placeholder').trim())
      ].filter(Boolean))
      const raw = texts.filter((t) => RAW_KEY.test(t))
      assert.deepStrictEqual(raw, [], `${type}: untranslated texts`)
      assert.ok(await page.locator('#node-input-name').isVisible(), `${type}: the dialog has its form`)
      if (type === 'binance-spot-buy') await checkOrderRows()
      await page.locator('#node-dialog-cancel').click()
      await page.locator('#node-dialog-cancel').waitFor({ state: 'detached' })
    }
    assert.deepStrictEqual(pageErrors, [])
  })

  async function checkOrderRows () {
    const visible = async () => {
      const rows = {}
      for (const field of ['price', 'stopPrice', 'stopLimitPrice', 'trailingDelta', 'timeInForce']) {
        rows[field] = await page.locator(`#binance-spot-order-${field}-row`).isVisible()
      }
      return rows
    }
    const orderType = page.locator('#node-input-orderType')
    await orderType.selectOption('MARKET')
    assert.deepStrictEqual(await visible(), { price: false, stopPrice: false, stopLimitPrice: false, trailingDelta: false, timeInForce: false })
    await orderType.selectOption('LIMIT')
    assert.deepStrictEqual(await visible(), { price: true, stopPrice: false, stopLimitPrice: false, trailingDelta: false, timeInForce: true })
    await orderType.selectOption('STOP_LOSS_LIMIT')
    assert.deepStrictEqual(await visible(), { price: true, stopPrice: true, stopLimitPrice: false, trailingDelta: true, timeInForce: true })
    await orderType.selectOption('OCO')
    assert.deepStrictEqual(await visible(), { price: true, stopPrice: true, stopLimitPrice: true, trailingDelta: false, timeInForce: false })
    assert.ok(await page.locator('#node-input-amountType option[value="quoteQuantity"]').isDisabled())
    const price = page.locator('#node-input-price')
    for (const [value, valid] of [['1e-7', false], ['0', false], ['abc', false], ['0.00012', true], ['', true]]) {
      await price.fill(value)
      await price.dispatchEvent('change')
      assert.strictEqual(await price.evaluate((el) => !el.classList.contains('input-error')), valid, `price "${value}"`)
    }
    await page.screenshot({ path: path.join(RESULTS, 'buy-dialog.png') })
  }
})
