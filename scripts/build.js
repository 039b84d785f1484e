'use strict'
// Compiles the TypeScript sources, then writes what Node-RED loads beside the
// built node files (it looks for them next to each .js file): each node file's
// editor HTML, generated from its definition in editor/nodes/; the icons; the
// catalogues, each node's merged with the shared common.json; the help, with
// its generated parts filled in. The shared editor module goes to resources/,
// where Node-RED serves a package's editor resources from. Each plugin's editor
// HTML and its own catalogue go beside its built file, as for a node.
const fs = require('fs')
const path = require('path')
const { execFileSync } = require('child_process')

const root = path.resolve(__dirname, '..')
const dist = path.join(root, 'dist')
const pkg = require(path.join(root, 'package.json'))

fs.rmSync(dist, { recursive: true, force: true })
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', root], { stdio: 'inherit' })

const definitions = require('./lib/definitions')
const { editorHtml } = require('./lib/editor-html')
const { editorBundle } = require('./lib/editor-bundle')
const { fillHelp } = require('./lib/help')

const nodeFiles = definitions.load()
const nodesOut = path.join(dist, 'nodes')

for (const nodeFile of nodeFiles) fs.writeFileSync(path.join(nodesOut, `${nodeFile.file}.html`), editorHtml(nodeFile, pkg.name))
fs.cpSync(path.join(root, 'icons'), path.join(nodesOut, 'icons'), { recursive: true })

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'))
const english = path.join(root, 'locales', 'en-US')
for (const lang of fs.readdirSync(path.join(root, 'locales'))) {
  const from = path.join(root, 'locales', lang)
  const to = path.join(nodesOut, 'locales', lang)
  fs.mkdirSync(to, { recursive: true })
  const common = readJson(path.join(from, 'common.json'))
  const englishCommon = readJson(path.join(english, 'common.json'))
  for (const nodeFile of nodeFiles) {
    const own = path.join(from, `${nodeFile.file}.json`)
    // Node-RED reads a node's texts only from its own catalogue, so each carries the shared block too.
    const catalogue = { ...(fs.existsSync(own) ? readJson(own) : {}), ...common }
    fs.writeFileSync(path.join(to, `${nodeFile.file}.json`), JSON.stringify(catalogue, null, 2))
    const help = path.join(from, `${nodeFile.file}.html`)
    if (fs.existsSync(help)) {
      const englishCatalogue = { ...readJson(path.join(english, `${nodeFile.file}.json`)), ...englishCommon }
      const filled = fillHelp(fs.readFileSync(help, 'utf8'), nodeFile, catalogue, englishCatalogue, `locales/${lang}/${nodeFile.file}.html`)
      fs.writeFileSync(path.join(to, `${nodeFile.file}.html`), filled)
    }
  }
}

const resources = path.join(root, 'resources')
fs.mkdirSync(resources, { recursive: true })
fs.writeFileSync(path.join(resources, 'editor.js'), editorBundle(nodeFiles))
// A plugin's texts are its own (no common block): Node-RED reads them from locales/<lang>/<plugin>.json beside its .js file.
for (const file of Object.values(pkg['node-red'].plugins)) {
  const name = path.basename(file, '.js')
  const out = path.join(root, path.dirname(file))
  fs.copyFileSync(path.join(root, 'plugins', `${name}.html`), path.join(out, `${name}.html`))
  for (const lang of fs.readdirSync(path.join(root, 'locales'))) {
    const catalogue = path.join(root, 'locales', lang, `${name}.json`)
    if (!fs.existsSync(catalogue)) continue
    fs.mkdirSync(path.join(out, 'locales', lang), { recursive: true })
    fs.copyFileSync(catalogue, path.join(out, 'locales', lang, `${name}.json`))
  }
}
fs.chmodSync(path.join(dist, 'simulator', 'cli.js'), 0o755)
