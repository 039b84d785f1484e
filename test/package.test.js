'use strict'
// The packed tarball, installed into a separate Node-RED user dir, loads every
// node with its message catalogue, help text and icon (as a palette install would).
const assert = require('assert')
const fs = require('fs')
const os = require('os')
const path = require('path')
const { execFileSync } = require('child_process')

const root = path.join(__dirname, '..')
const pkg = require('../package.json')
const nodeRed = require('./support/node-red')
const { startNodeRed } = require('./support/red-process')

describe(`the packed package in a real Node-RED (${nodeRed.version} on Node ${process.versions.node})`, function () {
  this.timeout(180000)
  let dir, red, base

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nrbs-pack-'))
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
    const tarball = execFileSync(npm, ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop()
    const userDir = path.join(dir, 'user')
    fs.mkdirSync(userDir)
    fs.writeFileSync(path.join(userDir, 'package.json'), JSON.stringify({ name: 'pack-test', private: true }))
    execFileSync(npm, ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline', path.join(dir, tarball)], { cwd: userDir, stdio: 'ignore' })
    red = await startNodeRed({
      userDir,
      settings: { flowFile: 'flows.json', telemetry: { enabled: false }, editorTheme: { tours: false }, logging: { console: { level: 'warn' } } }
    })
    base = red.base
  })

  after(async () => {
    if (red) await red.stop()
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
  })

  it('ships the built nodes, the simulator, the sidebar plugin, the editor module, examples, README, LICENSE and CHANGELOG, and nothing else', () => {
    const listing = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' })
    const files = JSON.parse(listing)[0].files.map((f) => f.path)
    for (const file of ['dist/nodes/account.js', 'dist/nodes/order.html', 'dist/nodes/locales/en-US/order.html', 'dist/simulator/index.js', 'dist/plugins/simulator-sidebar.js', 'dist/plugins/simulator-sidebar.html', 'dist/plugins/locales/en-US/simulator-sidebar.json', 'resources/editor.js', 'README.md', 'LICENSE', 'CHANGELOG.md', 'package.json']) {
      assert.ok(files.includes(file), file)
    }
    // The runtime's English texts (nodes/lib/i18n.ts) are compiled in beside dist/nodes.
    const outside = files.filter((f) => !/^(dist\/(nodes|simulator|plugins)\/|resources\/|examples\/)/.test(f) && !['README.md', 'LICENSE', 'CHANGELOG.md', 'package.json', 'dist/locales/en-US/common.json'].includes(f))
    assert.deepStrictEqual(outside, [])
    assert.ok(!files.some((f) => f.endsWith('.ts')), 'no TypeScript sources')
    if (pkg.main) assert.ok(files.includes(pkg.main.replace(/^\.\//, '')), `main ${pkg.main} is in the package`)
  })

  it('declares what the Flow Library and node-red-dev check', () => {
    assert.ok(pkg.keywords.includes('node-red'))
    assert.ok(pkg.license && fs.existsSync(path.join(root, 'LICENSE')))
    assert.ok(pkg.repository && pkg.bugs && pkg.homepage)
    assert.strictEqual(pkg['node-red'].version, '>=4.0.0')
    assert.match(pkg.name, /^@[a-z0-9-]+\/[a-z0-9-]+$/)
  })

  it('registers every node set of package.json, all enabled and without errors', async () => {
    const sets = await (await fetch(`${base}/nodes`, { headers: { Accept: 'application/json' } })).json()
    const ours = sets.filter((s) => s.module === pkg.name)
    assert.deepStrictEqual(ours.map((s) => s.name).sort(), Object.keys(pkg['node-red'].nodes).sort(), red.output())
    for (const set of ours) {
      assert.strictEqual(set.enabled, true, set.name)
      assert.strictEqual(set.err, undefined, `${set.name}: ${set.err}`)
    }
    const types = ours.flatMap((s) => s.types).sort()
    for (const t of ['account', 'connect', 'disconnect', 'balance', 'price', 'market', 'buy', 'sell', 'cancel', 'order-status', 'open-orders', 'history']) {
      assert.ok(types.includes(`binance-spot-${t}`), t)
    }
  })

  it('serves a non-empty message catalogue and help text for every node file, and its icon', async () => {
    const html = await (await fetch(`${base}/nodes`, { headers: { Accept: 'text/html' } })).text()
    const sets = (await (await fetch(`${base}/nodes`, { headers: { Accept: 'application/json' } })).json()).filter((s) => s.module === pkg.name)
    for (const set of sets) {
      const catalogue = await (await fetch(`${base}/locales/${set.id}?lng=en-US`)).json()
      assert.ok(Object.keys(catalogue).length > 0, `catalogue of ${set.name}`)
      for (const type of set.types) {
        assert.ok(html.includes(`data-help-name="${type}"`), `help for ${type}`)
        assert.ok(html.includes(`registerType('${type}', {`), `editor for ${type}`)
      }
    }
    const editorModule = await fetch(`${base}/resources/${pkg.name}/editor.js`)
    assert.strictEqual(editorModule.status, 200, 'the shared editor module is served')
    assert.match(await editorModule.text(), /window\.BinanceSpotEditor = /)
    const icons = await (await fetch(`${base}/icons`, { headers: { Accept: 'application/json' } })).json()
    assert.ok(icons[pkg.name] && icons[pkg.name].length > 0, 'the package lists its icons')
    for (const icon of icons[pkg.name]) {
      const r = await fetch(`${base}/icons/${pkg.name}/${icon}`)
      assert.strictEqual(r.status, 200, icon)
      assert.match(r.headers.get('content-type'), /svg|png/)
    }
  })

  it('loads every plugin of package.json with its editor part and its catalogue', async () => {
    const plugins = (await (await fetch(`${base}/plugins`, { headers: { Accept: 'application/json' } })).json()).filter((p) => p.module === pkg.name)
    assert.deepStrictEqual(plugins.map((p) => p.name).sort(), Object.keys(pkg['node-red'].plugins).sort(), red.output())
    const html = await (await fetch(`${base}/plugins`, { headers: { Accept: 'text/html' } })).text()
    const catalogues = await (await fetch(`${base}/plugins/messages?lng=en-US`)).json()
    for (const plugin of plugins) {
      assert.strictEqual(plugin.err, undefined, `${plugin.name}: ${plugin.err}`)
      assert.ok(html.includes(`[red-plugin:${plugin.id}]`), `the editor part of ${plugin.name}`)
      assert.ok(Object.keys(catalogues[plugin.id] || {}).length > 0, `the catalogue of ${plugin.name}`)
    }
  })

  it('offers the example flows in the import menu', async () => {
    const json = async (route) => {
      const res = await fetch(`${base}${route}`, { headers: { Accept: 'application/json' } })
      assert.strictEqual(res.status, 200, `${route}: HTTP ${res.status}`)
      return res.json()
    }
    const files = fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).sort()
    assert.ok(files.length >= 1)
    assert.ok((await json('/library/examples/flows/')).includes(pkg.name), 'the package is in the examples menu')
    assert.deepStrictEqual((await json(`/library/examples/flows/${pkg.name}`)).map((e) => e.fn).sort(), files)
    const [first] = files
    assert.deepStrictEqual(await json(`/library/examples/flows/${pkg.name}/${first}`), JSON.parse(fs.readFileSync(path.join(root, 'examples', `${first}.json`), 'utf8')))
  })
})
