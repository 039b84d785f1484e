'use strict'
// A real Node-RED (the one test/support/node-red.js names) with the checkout
// loaded as an installed package, and headless Chromium driving its editor.
const fs = require('fs')
const http = require('http')
const os = require('os')
const path = require('path')
const { chromium } = require('playwright-core')
const nodeRed = require('../support/node-red')
const { waitFor } = require('../support/wait')

const repo = path.resolve(__dirname, '..', '..')
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

/** Headless Chromium with a profile of its own; `pageErrors` collects the page's uncaught errors. */
async function launchBrowser () {
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nr-binance-chromium-'))
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1440, height: 900 }
  })
  const page = context.pages()[0] || await context.newPage()
  const pageErrors = []
  page.on('pageerror', (err) => pageErrors.push(err.message))
  return {
    page,
    pageErrors,
    async close () {
      await context.close()
      fs.rmSync(profileDir, { recursive: true, force: true })
    }
  }
}

async function startEditor () {
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nr-binance-userdir-'))
  const RED = nodeRed.load()
  // Only the admin app is needed: the editor and its API live at '/'.
  const server = http.createServer((req, res) => RED.httpAdmin(req, res))
  RED.init(server, {
    userDir,
    httpAdminRoot: '/',
    httpNodeRoot: '/api',
    uiHost: '127.0.0.1',
    flowFile: 'flows.json',
    credentialSecret: 'a-test-secret',
    telemetry: { enabled: false },
    // No palette catalogue: the editor would fetch it from the internet.
    editorTheme: { tours: false, palette: { catalogues: [] }, projects: { enabled: false } },
    logging: { console: { level: 'error' } },
    // The checkout is a node-red module (package.json "node-red" section): Node-RED
    // loads it like an installed package, icons, locales and resources included.
    nodesDir: [repo]
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  await RED.start()
  const baseUrl = `http://127.0.0.1:${server.address().port}`

  const browser = await launchBrowser()

  return {
    RED,
    baseUrl,
    userDir,
    page: browser.page,
    pageErrors: browser.pageErrors,
    async stop () {
      await browser.close()
      await RED.stop()
      await new Promise((resolve) => server.close(resolve))
      fs.rmSync(userDir, { recursive: true, force: true })
    }
  }
}

/** (Re)loads the editor in a language, as the user setting "editor-language" chooses it. */
async function openEditor (page, baseUrl, lang = 'en-US') {
  await page.goto(baseUrl)
  await page.evaluate((l) => localStorage.setItem('editor-language', l), lang)
  await page.goto(baseUrl)
  await page.locator('.red-ui-palette-node[data-palette-type="binance-spot-balance"]').waitFor({ timeout: 60000 })
}

/** Adds nodes to the active flow as an import would, with the definitions' defaults for what they leave out. */
function importNodes (page, nodes) {
  return page.evaluate((list) => {
    const z = RED.workspaces.active()
    RED.nodes.import(list.map((n, i) => ({ z, x: 200 + 160 * (i % 4), y: 400 + 60 * Math.floor(i / 4), wires: [[]], ...n })), { applyNodeDefaults: true })
    RED.nodes.dirty(true)
    RED.view.redraw(true)
  }, nodes)
}

async function editNode (page, id) {
  await page.evaluate((nodeId) => RED.editor.edit(RED.nodes.node(nodeId)), id)
  await page.locator('#dialog-form').waitFor()
}

/**
 * Clicks a button of the top edit tray once the tray has finished sliding in: a click that
 * lands while it still moves can miss the button on a loaded machine, and the tray stays.
 */
async function clickTrayButton (page, selector) {
  await page.waitForFunction(() => $('.red-ui-tray').last().css('right') === '0px')
  await page.locator(selector).click()
  await page.locator(selector).waitFor({ state: 'detached' })
}

const closeDialog = (page, button = 'cancel') => clickTrayButton(page, `#node-dialog-${button}`)
const closeConfigDialog = (page, button = 'cancel') => clickTrayButton(page, `#node-config-dialog-${button}`)

/** Deploys what the editor holds, and waits until Node-RED has taken it. */
async function deploy (page) {
  const answer = page.waitForResponse((r) => r.url().endsWith('/flows') && r.request().method() === 'POST')
  await page.locator('#red-ui-header-button-deploy').click()
  const res = await answer
  if (!res.ok()) throw new Error(`deploy failed: HTTP ${res.status()} ${await res.text()}`)
  await page.waitForFunction(() => !$('.red-ui-deploy-button-spinner').is(':visible'))
}

/** Clicks an inject node's button, once its flow has started (until then Node-RED answers 404). */
async function inject (baseUrl, id) {
  let status
  try {
    await waitFor(`inject ${id}`, async () => {
      const res = await fetch(`${baseUrl}/inject/${id}`, { method: 'POST' })
      status = res.status
      return res.ok
    }, 5000, 100)
  } catch (error) {
    throw new Error(`${error.message}: last answer HTTP ${status}`)
  }
}

/** A picture of the topmost dialog, whole: the window grows for it so that nothing is scrolled away. */
async function pictureOfDialog (page, file) {
  const size = page.viewportSize()
  await page.setViewportSize({ width: size.width, height: 1300 })
  await page.locator('.red-ui-tray').last().screenshot({ path: file })
  await page.setViewportSize(size)
}

/** Sets a TypedInput field of the open dialog, as picking a type and typing would. */
function setTyped (page, field, value, type) {
  return page.evaluate(([f, v, t]) => {
    const input = $(`#node-input-${f}`)
    if (t) input.typedInput('type', t)
    input.typedInput('value', v)
    input.trigger('change')
  }, [field, value, type])
}

/** The input a person types into for a field: a TypedInput's own, or the field itself. */
const visibleInput = (page, field, prefix = 'node-input') =>
  page.locator(`[data-binance-row="${field}"] input.red-ui-typedInput-input, [data-binance-row="${field}"] #${prefix}-${field}:not([type="hidden"])`).first()

/**
 * Where the README's pictures go: docs/images/ when asked for (`npm run pictures`, on the
 * Node-RED of package.json), else beside the other results. A screenshot is never quite the
 * same twice (anti-aliasing, hover effects), so a plain test run must not touch the
 * committed pictures.
 */
function picturesFolder (results) {
  return process.env.UPDATE_PICTURES && !process.env.NODE_RED_PATH ? path.join(repo, 'docs', 'images') : results
}

module.exports = { launchBrowser, startEditor, openEditor, importNodes, editNode, closeDialog, closeConfigDialog, deploy, inject, pictureOfDialog, setTyped, visibleInput, picturesFolder, repo }
