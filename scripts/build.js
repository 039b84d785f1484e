'use strict'
// Compiles the TypeScript sources and puts icons/ and locales/ beside the built
// node files, and each plugin's editor HTML and catalogue beside the built plugin
// file, because Node-RED only looks for them next to each loaded .js file.
const fs = require('fs')
const path = require('path')
const { execFileSync } = require('child_process')

const root = path.resolve(__dirname, '..')
const dist = path.join(root, 'dist')
const plugins = Object.values(require(path.join(root, 'package.json'))['node-red'].plugins)
  .map((file) => ({ name: path.basename(file, '.js'), out: path.join(root, path.dirname(file)) }))
const isPluginFile = (file) => plugins.some((p) => file === `${p.name}.json`)

fs.rmSync(dist, { recursive: true, force: true })
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', root], { stdio: 'inherit' })

const nodesOut = path.join(dist, 'nodes')
for (const file of fs.readdirSync(path.join(root, 'nodes'))) {
  if (file.endsWith('.html')) fs.copyFileSync(path.join(root, 'nodes', file), path.join(nodesOut, file))
}
fs.cpSync(path.join(root, 'icons'), path.join(nodesOut, 'icons'), { recursive: true })
// Runtime texts live once, in locales/<lang>/common.json; Node-RED reads a node's texts only from its
// own catalogue, so each node's built catalogue carries the shared block too.
for (const lang of fs.readdirSync(path.join(root, 'locales'))) {
  const from = path.join(root, 'locales', lang)
  const to = path.join(nodesOut, 'locales', lang)
  fs.mkdirSync(to, { recursive: true })
  const common = JSON.parse(fs.readFileSync(path.join(from, 'common.json'), 'utf8'))
  for (const file of fs.readdirSync(from)) {
    if (file === 'common.json' || isPluginFile(file)) continue
    if (file.endsWith('.json')) {
      const own = JSON.parse(fs.readFileSync(path.join(from, file), 'utf8'))
      fs.writeFileSync(path.join(to, file), JSON.stringify({ ...own, ...common }, null, 2))
    } else {
      fs.copyFileSync(path.join(from, file), path.join(to, file))
    }
  }
}
// A plugin's texts are its own: Node-RED reads them from locales/<lang>/<plugin>.json beside its .js file.
for (const plugin of plugins) {
  fs.copyFileSync(path.join(root, 'plugins', `${plugin.name}.html`), path.join(plugin.out, `${plugin.name}.html`))
  for (const lang of fs.readdirSync(path.join(root, 'locales'))) {
    const catalogue = path.join(root, 'locales', lang, `${plugin.name}.json`)
    if (!fs.existsSync(catalogue)) continue
    fs.mkdirSync(path.join(plugin.out, 'locales', lang), { recursive: true })
    fs.copyFileSync(catalogue, path.join(plugin.out, 'locales', lang, `${plugin.name}.json`))
  }
}
fs.chmodSync(path.join(dist, 'simulator', 'cli.js'), 0o755)
