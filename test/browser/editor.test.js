'use strict'
// Drives the package's editor in a real Node-RED and headless Chromium as a
// person would: palette and icons, every dialog and help text in every
// language under locales/, TypedInput fields and flows saved before them, the
// account a new node takes, "Test connection", symbol look-up, credentials
// kept out of flows and exports, and an error without a Catch node in the
// debug sidebar. It also takes the README's pictures.
const assert = require('assert')
const fs = require('fs')
const path = require('path')
const definitions = require('../../scripts/lib/definitions')
const { lookup } = require('../../scripts/lib/help')
const nodeRed = require('../support/node-red')
const { startEditor, openEditor, importNodes, editNode, closeDialog, closeConfigDialog, deploy, inject, pictureOfDialog, setTyped, visibleInput, picturesFolder, repo } = require('./support')

const MODULE = require(path.join(repo, 'package.json')).name
const NODE_FILES = definitions.load()
const NODES = NODE_FILES.flatMap((f) => f.nodes.map((node) => ({ node, file: f.file })))
const LANGUAGES = fs.readdirSync(path.join(repo, 'locales')).sort()
const RESULTS = path.join(repo, 'test-results', `node-red-${nodeRed.version}`)
// The README's pictures come from the Node-RED that `npm start` runs; other versions keep theirs apart.
const PICTURES = picturesFolder(RESULTS)
const unique = `${process.pid}-${Date.now()}`
const SENTINEL_KEY = `SENTINEL-KEY-${unique}`
const SENTINEL_SECRET = `SENTINEL-SECRET-${unique}`

// A message catalogue key that failed to translate shows as itself, e.g. "balance.label.asset".
const RAW_KEY = /^[a-z-]+(\.[A-Za-z0-9_-]+)+$/

const builtCatalogue = (lang, file) => JSON.parse(fs.readFileSync(path.join(definitions.dist, 'nodes', 'locales', lang, `${file}.json`), 'utf8'))
const builtHelp = (lang, file, type) => {
  const html = fs.readFileSync(path.join(definitions.dist, 'nodes', 'locales', lang, `${file}.html`), 'utf8')
  return new RegExp(`<script type="text/html" data-help-name="${type}">([\\s\\S]*?)</script>`).exec(html)[1]
}
const squash = (text) => text.replace(/\s+/g, ' ').trim()

function assertNoSecret (where, text) {
  assert.ok(!text.includes(SENTINEL_KEY), `the API key appears in ${where}`)
  assert.ok(!text.includes(SENTINEL_SECRET), `the API secret appears in ${where}`)
}

describe(`editor in a browser (Node-RED ${nodeRed.version})`, function () {
  let editor, page, baseUrl

  before(async function () {
    fs.mkdirSync(RESULTS, { recursive: true })
    fs.mkdirSync(PICTURES, { recursive: true })
    editor = await startEditor()
    ;({ page, baseUrl } = editor)
    await openEditor(page, baseUrl)
  })

  after(async function () {
    if (editor) await editor.stop()
  })

  afterEach(async function () {
    if (this.currentTest.state === 'failed') await page.screenshot({ path: path.join(RESULTS, `failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}.png`) })
    // A failed test may leave a dialog open; the next one starts from the workspace.
    await page.evaluate(() => { for (let i = 0; i < 5 && $('.red-ui-tray').length; i++) RED.tray.close() })
    assert.deepStrictEqual(editor.pageErrors.splice(0), [], 'JavaScript errors in the editor')
  })

  it('shows every node in the Binance palette category with its label and its own icon', async function () {
    assert.strictEqual((await page.locator('#red-ui-palette-header-Binance').innerText()).trim(), 'Binance')
    for (const { node, file } of NODES.filter((n) => !n.node.config)) {
      const entry = page.locator(`#red-ui-palette-container-Binance .red-ui-palette-node[data-palette-type="${node.type}"]`)
      assert.strictEqual((await entry.locator('.red-ui-palette-label').innerText()).trim(), lookup(builtCatalogue('en-US', file), `${file}.${node.paletteLabel}`), node.type)
      const iconUrl = await entry.locator('.red-ui-palette-icon').evaluate((el) => getComputedStyle(el).backgroundImage.replace(/^url\("?|"?\)$/g, ''))
      assert.ok(iconUrl.endsWith(`/icons/${MODULE}/${node.icon}`), `${node.type}: ${iconUrl}`)
      const res = await fetch(iconUrl)
      assert.strictEqual(res.status, 200, iconUrl)
      assert.match(res.headers.get('content-type'), /svg/)
    }
    await page.locator('#red-ui-palette-container-Binance').screenshot({ path: path.join(RESULTS, 'palette.png') })
  })

  it('keeps the account key and secret out of the flow, the exports, the admin API and the dialog', async function () {
    const box = await page.locator('#red-ui-workspace-chart').boundingBox()
    await page.locator('.red-ui-palette-node[data-palette-type="binance-spot-balance"]').hover()
    await page.mouse.down()
    await page.mouse.move(box.x + 300, box.y + 200, { steps: 15 })
    await page.mouse.up()
    const balanceId = await page.evaluate(() => RED.nodes.filterNodes({ type: 'binance-spot-balance' })[0]?.id)
    assert.ok(balanceId, 'the dragged balance node is in the flow')
    assert.strictEqual(await page.evaluate((id) => RED.nodes.node(id).account, balanceId), '', 'no account in the workspace yet')

    await page.locator(`g[id="${balanceId}"] .red-ui-flow-node`).dblclick()
    await visibleInput(page, 'asset').fill('btc')
    await page.locator('#node-input-btn-account-add').click()
    const environment = page.locator('#node-config-input-environment')
    await environment.waitFor()
    assert.strictEqual(await environment.inputValue(), 'simulator')
    assert.match(await page.locator('.red-ui-tray-titlebar').last().innerText(), /Binance account/)
    await environment.selectOption('live')
    assert.ok(await page.locator('[data-binance-row="tip-live"]').isVisible(), 'live shows the real-money warning')
    assert.ok(!(await page.locator('[data-binance-row="restUrl"]').isVisible()))
    await environment.selectOption('custom')
    assert.ok(await page.locator('#node-config-input-restUrl').isVisible(), 'custom shows the URL rows')
    await environment.selectOption('testnet')
    assert.ok(!(await page.locator('[data-binance-row="tip-live"]').isVisible()))
    assert.ok(!(await page.locator('[data-binance-row="restUrl"]').isVisible()))
    await page.locator('#node-config-input-apiKey').fill(SENTINEL_KEY)
    await page.locator('#node-config-input-apiSecret').fill(SENTINEL_SECRET)
    await closeConfigDialog(page, 'ok')
    await closeDialog(page, 'ok')

    const accountId = await page.evaluate((id) => RED.nodes.node(id).account, balanceId)
    assert.ok(accountId, 'an account config node was added')
    const labels = await page.evaluate(([b, a]) => [RED.utils.getNodeLabel(RED.nodes.node(b)), RED.utils.getNodeLabel(RED.nodes.node(a))], [balanceId, accountId])
    assert.deepStrictEqual(labels, ['BTC', 'Binance testnet'])
    assert.deepStrictEqual(await page.evaluate((id) => [RED.nodes.node(id).asset, RED.nodes.node(id).assetType], balanceId), ['btc', 'str'])

    await deploy(page)

    const flowsResponse = await (await fetch(`${baseUrl}/flows`)).text()
    assertNoSecret('GET /flows', flowsResponse)
    const deployed = JSON.parse(flowsResponse)
    assert.strictEqual(deployed.find((n) => n.id === accountId).environment, 'testnet', 'the account was deployed')
    assert.strictEqual(deployed.find((n) => n.id === balanceId).account, accountId)

    const credentialsResponse = await (await fetch(`${baseUrl}/credentials/binance-spot-account/${accountId}`)).text()
    assertNoSecret('GET /credentials', credentialsResponse)
    assert.deepStrictEqual(JSON.parse(credentialsResponse), { has_apiKey: true, has_apiSecret: true, has_privateKey: false, has_privateKeyPassphrase: false })
    assertNoSecret('flows.json', fs.readFileSync(path.join(editor.userDir, 'flows.json'), 'utf8'))
    const storedCredentials = fs.readFileSync(path.join(editor.userDir, 'flows_cred.json'), 'utf8')
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
    const shown = await page.evaluate(() => ['apiKey', 'apiSecret', 'privateKey', 'privateKeyPassphrase'].map((c) => document.getElementById(`node-config-input-${c}`).value))
    assert.deepStrictEqual(shown, ['__PWRD__', '__PWRD__', '', ''])
    assertNoSecret('the re-opened account dialog', await page.content())
    await closeConfigDialog(page)
    await closeDialog(page)

    // A node dropped from the palette now takes the workspace's account; an imported one keeps its own.
    await page.locator('.red-ui-palette-node[data-palette-type="binance-spot-price"]').hover()
    await page.mouse.down()
    await page.mouse.move(box.x + 300, box.y + 300, { steps: 15 })
    await page.mouse.up()
    assert.strictEqual(await page.evaluate(() => RED.nodes.filterNodes({ type: 'binance-spot-price' }).pop().account), accountId)
    await importNodes(page, [{ id: 'imported-price', type: 'binance-spot-price', account: '', mode: 'price', symbol: 'BTCUSDT' }])
    assert.strictEqual(await page.evaluate(() => RED.nodes.node('imported-price').account), '')
  })

  it('a flow saved before TypedInput opens with its text as before, and reads the same after saving', async function () {
    await importNodes(page, [
      { id: 'old-buy', type: 'binance-spot-buy', account: '', orderType: '', symbol: 'ethusdt', amountType: 'quantity', amount: '0.5', price: '', stopPrice: '', stopLimitPrice: '', trailingDelta: '', timeInForce: '', clientOrderId: '', testOnly: false, roundToFilters: false },
      { id: 'old-market', type: 'binance-spot-market', account: '', mode: 'klines', symbol: 'BTCUSDT', interval: '4h', limit: '24' }
    ])
    await editNode(page, 'old-buy')
    const shown = await page.evaluate(() => ['orderType', 'symbol', 'amount', 'timeInForce'].map((f) => [$(`#node-input-${f}`).typedInput('type'), $(`#node-input-${f}`).typedInput('value')]))
    assert.deepStrictEqual(shown, [['msg', 'orderType'], ['str', 'ethusdt'], ['num', '0.5'], ['msg', 'timeInForce']])
    // The order type comes from msg: every field it may need stays on screen.
    for (const field of ['price', 'stopPrice', 'stopLimitPrice', 'trailingDelta', 'timeInForce']) {
      assert.ok(await page.locator(`[data-binance-row="${field}"]`).isVisible(), `${field} is shown`)
    }
    await closeDialog(page, 'ok')
    const saved = await page.evaluate(() => { const n = RED.nodes.node('old-buy'); return [n.orderType, n.orderTypeType, n.symbol, n.symbolType, n.amount, n.amountValueType, n.amountType, n.timeInForce, n.timeInForceType] })
    assert.deepStrictEqual(saved, ['orderType', 'msg', 'ethusdt', 'str', '0.5', 'num', 'quantity', 'timeInForce', 'msg'])

    await editNode(page, 'old-market')
    assert.deepStrictEqual(await page.evaluate(() => [$('#node-input-interval').typedInput('type'), $('#node-input-interval').typedInput('value'), $('#node-input-limit').typedInput('value')]), ['str', '4h', '24'])
    await closeDialog(page)
    assert.strictEqual(await page.evaluate(() => RED.utils.getNodeLabel(RED.nodes.node('old-market'))), 'candles 4h BTCUSDT')
  })

  it('value fields take msg, flow, global, env and JSONata, checked as Node-RED checks them', async function () {
    await importNodes(page, [{ id: 'typed-market', type: 'binance-spot-market', account: '', mode: 'depth', symbol: '', limit: '' }])
    await editNode(page, 'typed-market')
    const types = await page.evaluate(() => $('#node-input-symbol').data('noderedTypedInput').options.types.map((t) => (typeof t === 'string' ? t : t.value)))
    assert.deepStrictEqual(types, ['str', 'msg', 'flow', 'global', 'env', 'jsonata'])
    const valid = (field) => page.evaluate((f) => {
      const node = RED.nodes.node('typed-market')
      return node._def.defaults[f].validate.call(node, $(`#node-input-${f}`).typedInput('value'), {})
    }, field)
    for (const [value, type, ok] of [['payload.pair', 'msg', true], ['pair', 'flow', true], ['$uppercase(payload)', 'jsonata', true], ['$uppercase(', 'jsonata', false], ['BTC USDT', 'str', false], ['btcusdt', 'str', true]]) {
      await setTyped(page, 'symbol', value, type)
      const result = await valid('symbol')
      assert.strictEqual(result === true, ok, `${type} "${value}": ${result}`)
    }
    await setTyped(page, 'limit', '5001', 'num')
    assert.match(String(await valid('limit')), /5000/, 'the depth limit is at most 5000')
    await page.locator('#node-input-mode').selectOption('klines')
    assert.match(String(await valid('limit')), /1000/, 'the candle limit is at most 1000')
    await setTyped(page, 'limit', '100', 'num')
    await closeDialog(page, 'ok')
    assert.deepStrictEqual(await page.evaluate(() => { const n = RED.nodes.node('typed-market'); return [n.symbol, n.symbolType, n.limit, n.limitType, n.mode] }), ['btcusdt', 'str', '100', 'num', 'klines'])
  })

  it('shows each order type\'s fields only, and refuses what the runtime refuses', async function () {
    await importNodes(page, [{ id: 'rows-buy', type: 'binance-spot-buy', account: '' }])
    await editNode(page, 'rows-buy')
    const visible = async () => {
      const rows = {}
      for (const field of ['price', 'stopPrice', 'stopLimitPrice', 'trailingDelta', 'timeInForce', 'tip-oco']) rows[field] = await page.locator(`[data-binance-row="${field}"]`).isVisible()
      return rows
    }
    const cases = {
      MARKET: [false, false, false, false, false, false],
      LIMIT: [true, false, false, false, true, false],
      STOP_LOSS_LIMIT: [true, true, false, true, true, false],
      OCO: [true, true, true, false, false, true]
    }
    for (const [type, expected] of Object.entries(cases)) {
      await setTyped(page, 'orderType', type)
      assert.deepStrictEqual(Object.values(await visible()), expected, type)
    }
    assert.ok(await page.locator('#node-input-amountType option[value="quoteQuantity"]').isDisabled(), 'quote quantity is for MARKET orders')
    const check = (field) => page.evaluate((f) => {
      const node = RED.nodes.node('rows-buy')
      return node._def.defaults[f].validate.call(node, $(`#node-input-${f}`).typedInput('value'), {})
    }, field)
    // As the runtime reads decimals: an exponent is written out exactly; at most 8 decimal places.
    for (const [value, ok] of [['1e-7', true], ['1e-9', false], ['0.000000001', false], ['0', false], ['abc', false], ['0.00012', true], ['', true]]) {
      await setTyped(page, 'price', value, 'num')
      assert.strictEqual((await check('price')) === true, ok, `price "${value}"`)
    }
    await setTyped(page, 'price', '0.000000001', 'num')
    assert.strictEqual(await check('price'), 'at most 8 decimal places')
    await setTyped(page, 'price', '', 'num')
    await page.locator('#node-input-amountType').selectOption('percent')
    await setTyped(page, 'amount', '101', 'num')
    assert.notStrictEqual(await check('amount'), true, 'a percentage above 100')
    await setTyped(page, 'amount', '25', 'num')
    assert.strictEqual(await visibleInput(page, 'amount').getAttribute('placeholder'), 'above 0, at most 100 (0.5 too); empty: msg.percent')
    await setTyped(page, 'orderType', 'LIMIT')
    await setTyped(page, 'symbol', 'BTCUSDT')
    await setTyped(page, 'price', '25000.5', 'num')
    await pictureOfDialog(page, path.join(PICTURES, 'buy-dialog.png'))
    await closeDialog(page, 'ok')
    const saved = await page.evaluate(() => { const n = RED.nodes.node('rows-buy'); return [n.orderType, n.price, n.stopPrice, n.stopLimitPrice, n.timeInForce, n.amountType, n.amount] })
    assert.deepStrictEqual(saved, ['LIMIT', '25000.5', '', '', 'GTC', 'percent', '25'], 'fields LIMIT does not take are cleared')
    assert.strictEqual(await page.evaluate(() => RED.utils.getNodeLabel(RED.nodes.node('rows-buy'))), 'buy LIMIT BTCUSDT')
  })

  it('shows an OTO\'s and OTOCO\'s pending fields by order type and pending type, and clears the others on save', async function () {
    await importNodes(page, [{ id: 'rows-oto', type: 'binance-spot-sell', account: '' }])
    await editNode(page, 'rows-oto')
    // Every row that depends on the order type, the working type or the pending type, in the dialog's order (editor/nodes/order.ts).
    const FIELDS = ['workingType', 'price', 'stopPrice', 'stopLimitPrice', 'trailingDelta', 'timeInForce', 'tip-oco', 'tip-oto', 'tip-otoco',
      'pendingSide', 'pendingType', 'pendingPrice', 'pendingStopPrice', 'pendingStopLimitPrice', 'pendingTrailingDelta', 'pendingTimeInForce', 'pendingQuantity']
    const shown = async () => {
      const rows = []
      for (const field of FIELDS) {
        const row = page.locator(`[data-binance-row="${field}"]`)
        assert.strictEqual(await row.count(), 1, `the dialog has one ${field} row`)
        if (await row.isVisible()) rows.push(field)
      }
      return rows
    }
    await setTyped(page, 'orderType', 'LIMIT')
    assert.deepStrictEqual(await shown(), ['price', 'timeInForce'], 'LIMIT')
    await setTyped(page, 'orderType', 'OTO')
    // The working order is a LIMIT by default, and so is the pending one: each has a price and a time in force.
    assert.deepStrictEqual(await shown(), ['workingType', 'price', 'timeInForce', 'tip-oto', 'pendingSide', 'pendingType', 'pendingPrice', 'pendingTimeInForce', 'pendingQuantity'], 'OTO, pending LIMIT')
    await setTyped(page, 'pendingType', 'STOP_LOSS')
    assert.deepStrictEqual(await shown(), ['workingType', 'price', 'timeInForce', 'tip-oto', 'pendingSide', 'pendingType', 'pendingStopPrice', 'pendingTrailingDelta', 'pendingQuantity'], 'OTO, pending STOP_LOSS')
    await setTyped(page, 'workingType', 'LIMIT_MAKER')
    assert.deepStrictEqual(await shown(), ['workingType', 'price', 'tip-oto', 'pendingSide', 'pendingType', 'pendingStopPrice', 'pendingTrailingDelta', 'pendingQuantity'], 'a LIMIT_MAKER working order takes no time in force')
    await setTyped(page, 'orderType', 'OTOCO')
    // The pending pair is fixed (a limit maker and a stop leg), so no pending type; the stop leg's time in force shows.
    assert.deepStrictEqual(await shown(), ['workingType', 'price', 'tip-otoco', 'pendingSide', 'pendingPrice', 'pendingStopPrice', 'pendingStopLimitPrice', 'pendingTimeInForce', 'pendingQuantity'], 'OTOCO')
    await setTyped(page, 'symbol', 'BTCUSDT')
    await setTyped(page, 'price', '61000', 'num')
    await setTyped(page, 'pendingPrice', '58000', 'num')
    await setTyped(page, 'pendingStopPrice', '62000', 'num')
    await setTyped(page, 'pendingTrailingDelta', '100', 'num')
    await closeDialog(page, 'ok')
    const saved = await page.evaluate(() => { const n = RED.nodes.node('rows-oto'); return [n.orderType, n.workingType, n.pendingSide, n.pendingPrice, n.pendingStopPrice, n.pendingTrailingDelta, n.valid] })
    assert.deepStrictEqual(saved, ['OTOCO', 'LIMIT_MAKER', 'OPPOSITE', '58000', '62000', '', true], 'a pending trailing delta, which an OTOCO does not take, is cleared')
  })

  it('shows the replace node\'s new order fields when cancel-replacing, and the new quantity when amending', async function () {
    await importNodes(page, [{ id: 'rows-replace', type: 'binance-spot-replace', account: '' }])
    await editNode(page, 'rows-replace')
    const FIELDS = ['cancelReplaceMode', 'side', 'orderType', 'amountType', 'amount', 'price', 'stopPrice', 'timeInForce', 'newQty', 'newClientOrderId', 'roundToFilters']
    const shown = async () => {
      const rows = []
      for (const field of FIELDS) if (await page.locator(`[data-binance-row="${field}"]`).isVisible()) rows.push(field)
      return rows
    }
    assert.deepStrictEqual(await shown(), ['cancelReplaceMode', 'side', 'orderType', 'amountType', 'amount', 'price', 'timeInForce', 'newClientOrderId', 'roundToFilters'], 'cancel-replace with a LIMIT order')
    assert.strictEqual(await visibleInput(page, 'newClientOrderId').getAttribute('placeholder'), 'of the new order; empty: msg.newClientOrderId, else generated')
    await setTyped(page, 'price', '61000', 'num')
    await page.locator('#node-input-mode').selectOption('amend')
    assert.deepStrictEqual(await shown(), ['newQty', 'newClientOrderId'], 'amend')
    await setTyped(page, 'newQty', '0.05', 'num')
    await closeDialog(page, 'ok')
    const saved = await page.evaluate(() => { const n = RED.nodes.node('rows-replace'); return [n.mode, n.price, n.newQty, n.valid] })
    assert.deepStrictEqual(saved, ['amend', '', '0.05', true], 'the price an amend cannot take is cleared')
    assert.strictEqual(await page.evaluate(() => RED.utils.getNodeLabel(RED.nodes.node('rows-replace'))), 'amend order')
  })

  it('shows each stream type\'s fields only', async function () {
    await importNodes(page, [{ id: 'rows-stream', type: 'binance-spot-stream', account: '' }])
    await editNode(page, 'rows-stream')
    const visible = async () => {
      const rows = {}
      for (const field of ['symbols', 'interval', 'levels', 'speed']) rows[field] = await page.locator(`[data-binance-row="${field}"]`).isVisible()
      return rows
    }
    const streamType = page.locator('#node-input-streamType')
    await streamType.selectOption('trade')
    assert.deepStrictEqual(await visible(), { symbols: true, interval: false, levels: false, speed: false })
    await streamType.selectOption('kline')
    assert.deepStrictEqual(await visible(), { symbols: true, interval: true, levels: false, speed: false })
    await streamType.selectOption('orderBook')
    assert.deepStrictEqual(await visible(), { symbols: true, interval: false, levels: true, speed: true })
    const levels = page.locator('#node-input-levels')
    const valid = () => page.evaluate(() => { const n = RED.nodes.node('rows-stream'); return n._def.defaults.levels.validate.call(n, $('#node-input-levels').val(), {}) })
    await levels.fill('500')
    assert.strictEqual(await valid(), true)
    await streamType.selectOption('depth')
    assert.notStrictEqual(await valid(), true, 'depth takes 5, 10 or 20 levels')
    await levels.fill('20')
    assert.strictEqual(await valid(), true)
    await streamType.selectOption('allMiniTickers')
    assert.deepStrictEqual(await visible(), { symbols: false, interval: false, levels: false, speed: false })
    await closeDialog(page)
  })

  it('tests the account in its dialog before deploy, and offers the environment\'s symbols', async function () {
    await page.evaluate(() => RED.nodes.import([{ id: 'sim-account', type: 'binance-spot-account', name: '', environment: 'simulator' }], { applyNodeDefaults: true }))
    await page.evaluate(() => RED.editor.editConfig('', 'binance-spot-account', 'sim-account'))
    await page.locator('[data-binance-widget="testConnection"] button').click()
    const results = page.locator('.binance-spot-test-results')
    await results.locator('.binance-spot-check-ok').first().waitFor({ timeout: 20000 })
    await page.locator('.binance-spot-test-results .binance-spot-check-ok', { hasText: 'cannot withdraw' }).waitFor({ timeout: 20000 })
    const report = await results.innerText()
    assert.match(report, /simulator \(127\.0\.0\.1:\d+\) answers, round trip \d+ ms/)
    assert.match(report, /Clock offset -?\+?\d+ ms/)
    assert.match(report, /The key is valid/)
    // The README's picture: the port, round trip and offset change every run; the picture should change only with the editor.
    await results.evaluate((el) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        node.textContent = node.textContent.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:8765').replace(/round trip \d+ ms/g, 'round trip 2 ms').replace(/offset -?\+?\d+ ms/g, 'offset 0 ms')
      }
    })
    await pictureOfDialog(page, path.join(PICTURES, 'account-dialog.png'))
    await closeConfigDialog(page)

    await importNodes(page, [{ id: 'lookup-price', type: 'binance-spot-price', account: 'sim-account', mode: 'price', symbol: '' }])
    await editNode(page, 'lookup-price')
    const symbol = visibleInput(page, 'symbol')
    await symbol.click()
    await symbol.pressSequentially('eth')
    const menu = page.locator('.red-ui-autoComplete-container')
    await menu.waitFor({ timeout: 20000 })
    assert.match(await menu.innerText(), /ETHUSDT\s+ETH \/ USDT/)
    await symbol.fill('')
    await symbol.pressSequentially('/USDT')
    await page.waitForFunction(() => {
      const quotes = [...document.querySelectorAll('.red-ui-autoComplete-container small')].map((e) => e.textContent.split(' / ')[1])
      return quotes.length > 1 && quotes.every((quote) => quote === 'USDT')
    }, null, { timeout: 20000 })
    await symbol.fill('BTCUSDT,')
    await symbol.pressSequentially('e')
    await page.waitForFunction(() => $('.red-ui-autoComplete-container').text().includes('ETHUSDT'))
    await menu.locator('text=ETHUSDT').first().click()
    assert.strictEqual(await page.evaluate(() => $('#node-input-symbol').typedInput('value')), 'BTCUSDT,ETHUSDT')
    await closeDialog(page)
  })

  it('shows an error without a Catch node as one object: its message, its code and its cause', async function () {
    await page.evaluate(() => {
      const z = RED.workspaces.active()
      RED.nodes.import([
        { id: 'err-account', type: 'binance-spot-account', name: 'sim', environment: 'simulator' },
        { id: 'err-inject', type: 'inject', z, x: 120, y: 700, props: [{ p: 'payload' }], payload: '', payloadType: 'date', wires: [['err-status']] },
        { id: 'err-status', type: 'binance-spot-order-status', z, x: 360, y: 700, account: 'err-account', symbol: 'BTCUSDT', orderId: '999999', wires: [[]] }
      ], { applyNodeDefaults: true })
      RED.nodes.dirty(true)
    })
    await deploy(page)
    await page.evaluate(() => RED.sidebar.show('debug'))
    await inject(baseUrl, 'err-inject')
    const entry = page.locator('.red-ui-debug-msg', { hasText: 'ErrExchange' }).last()
    await entry.waitFor({ timeout: 20000 })
    await entry.locator('.red-ui-debug-msg-object-handle').first().click()
    const shown = await entry.innerText()
    assert.match(shown, /msg : Object/)
    assert.match(shown, /message: "ErrExchange: Binance refused the request \(HTTP 400, -2013\)/)
    assert.match(shown, /code: "ErrExchange"/)
    await entry.locator('.red-ui-debug-msg-object-key', { hasText: 'cause' }).last().click()
    const cause = await entry.innerText()
    assert.match(cause, /httpStatus: 400/)
    assert.match(cause, /binanceCode: -2013/)
    await page.waitForFunction(() => /^ErrExchange: /.test(RED.nodes.node('err-status').status?.text), null, { timeout: 5000 })
    await entry.screenshot({ path: path.join(RESULTS, 'debug-error.png') })
  })

  it('runs the demo flow and shows its results', async function () {
    const demo = JSON.parse(fs.readFileSync(path.join(repo, 'examples', 'demo-simulator.json'), 'utf8'))
    await page.evaluate((flow) => {
      RED.nodes.import(flow)
      RED.nodes.dirty(true)
      RED.workspaces.show(flow.find((n) => n.type === 'tab').id)
    }, demo)
    await deploy(page)
    await page.evaluate(() => {
      RED.sidebar.show('debug')
      RED.debug.clearMessageList(true)
    })
    for (const button of demo.filter((n) => n.type === 'inject')) await inject(baseUrl, button.id)
    const debugCount = demo.filter((n) => n.type === 'debug' && !demo.some((c) => c.type === 'catch' && c.wires.flat().includes(n.id))).length
    await page.waitForFunction((n) => document.querySelectorAll('.red-ui-debug-msg').length >= n, debugCount, { timeout: 20000 })
    // The picture shows the flow and its results, not the deploy's passing notices, nor times that would change it on every run.
    await page.evaluate(() => {
      RED.view.select({ nodes: [] })
      $('.red-ui-notification').remove()
      $('.red-ui-debug-msg-date').css('visibility', 'hidden')
      // The simulator's price walks with the clock; the picture shows one fixed price.
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (/\d{5}\.\d{8}/.test(node.textContent)) node.textContent = node.textContent.replace(/\d{5}\.\d{8}/g, '60000.00000000')
      }
    })
    await page.screenshot({ path: path.join(PICTURES, 'demo-flow.png') })
  })

  for (const lang of LANGUAGES) {
    it(`${lang}: every dialog, node label and help text is in ${lang}, with no missing key`, async function () {
      await openEditor(page, baseUrl, lang)
      const ids = NODES.map(({ node }) => `${lang}-${node.type}`)
      const accountId = `${lang}-binance-spot-account`
      await page.evaluate((id) => RED.nodes.import([{ id, type: 'binance-spot-account', environment: 'simulator' }], { applyNodeDefaults: true }), accountId)
      await importNodes(page, NODES.filter(({ node }) => !node.config).map(({ node }) => ({ id: `${lang}-${node.type}`, type: node.type, account: node.accountRequired ? accountId : '' })))

      for (const [i, { node, file }] of NODES.entries()) {
        const catalogue = builtCatalogue(lang, file)
        const id = ids[i]
        if (!node.config) {
          const palette = await page.locator(`.red-ui-palette-node[data-palette-type="${node.type}"] .red-ui-palette-label`).innerText()
          assert.strictEqual(palette.trim(), lookup(catalogue, `${file}.${node.paletteLabel}`), `${lang} ${node.type}: palette label`)
        }
        const label = await page.evaluate((nodeId) => RED.utils.getNodeLabel(RED.nodes.node(nodeId)), id)
        assert.ok(label && !RAW_KEY.test(label) && !label.includes('__'), `${lang} ${node.type}: label "${label}"`)
        assert.strictEqual(await page.evaluate((nodeId) => RED.nodes.node(nodeId).valid, id), true, `${node.type}: its defaults pass its own validation`)

        const form = node.config ? '#node-config-dialog-edit-form' : '#dialog-form'
        if (node.config) await page.evaluate((nodeId) => RED.editor.editConfig('', 'binance-spot-account', nodeId), id)
        else await page.evaluate((nodeId) => RED.editor.edit(RED.nodes.node(nodeId)), id)
        await page.locator(form).waitFor()
        // Every text the form asks for by key shows this language's text for that key.
        const keyed = await page.locator(form).evaluate((el) => [...el.querySelectorAll('[data-i18n]')].map((e) => [e.getAttribute('data-i18n'), e.textContent.trim()]))
        for (const [attribute, shown] of keyed) {
          if (attribute.startsWith('[')) continue
          // Node-RED prefixes the keys of a config dialog with the node set's namespace.
          const key = attribute.replace(/^.*:/, '')
          assert.strictEqual(shown, lookup(catalogue, key), `${lang} ${node.type}: ${key}`)
        }
        const placeholders = await page.locator(form).evaluate((el) => [...el.querySelectorAll('[placeholder]')].map((e) => e.getAttribute('placeholder').trim()).filter(Boolean))
        for (const text of placeholders) assert.ok(!RAW_KEY.test(text) && !/__\w+__/.test(text), `${lang} ${node.type}: placeholder "${text}"`)
        const optionLabels = await page.locator(form).evaluate((el) => [...el.querySelectorAll('.red-ui-typedInput-option-label')].map((e) => e.textContent.trim()).filter(Boolean))
        for (const text of optionLabels) assert.ok(!RAW_KEY.test(text), `${lang} ${node.type}: option "${text}"`)
        if (lang === 'en-US') await page.locator(form).screenshot({ path: path.join(RESULTS, `dialog-${node.type}.png`) })
        if (node.config) {
          await closeConfigDialog(page)
        } else {
          await closeDialog(page)
        }

        const help = await page.evaluate((t) => $(`script[data-help-name="${t}"]`).html(), node.type)
        assert.strictEqual(squash(help), squash(builtHelp(lang, file, node.type)), `${lang} ${node.type}: the help served is this language's`)
        assert.ok(!/<!-- (inputs|errors) -->|__\w+__|common\.help\./.test(help), `${lang} ${node.type}: help has unfilled parts`)
      }
      await page.evaluate((list) => RED.nodes.remove && list.forEach((nodeId) => { const n = RED.nodes.node(nodeId); if (n) RED.nodes.remove(nodeId) }), ids)
    })
  }
})
