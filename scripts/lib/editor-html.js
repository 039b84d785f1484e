'use strict'
// Writes a node file's editor HTML from its definitions: a literal
// RED.nodes.registerType('<type>', {...}) per type (the form the Flow Library's
// parser reads), whose behaviour calls the shared editor module, and the edit
// form. Nothing here is written by hand per node.
const { properties, isCredential, isValueField, typeProperty } = require('./definitions')

const CATEGORY = 'Binance'
const COLOR = '#F0B90B'
const q = (text) => `'${String(text).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
const attr = (text) => String(text).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

function defaultsBlock (node) {
  const lines = properties(node).map((p) => {
    const parts = [`value: ${JSON.stringify(p.default)}`]
    if (p.config) parts.push(`type: ${q(p.config)}`, `required: ${p.required}`)
    if (p.field && p.field.kind !== 'checkbox' && p.field.kind !== 'text') parts.push(`validate: BinanceSpotEditor.validator(${q(node.type)}, ${q(p.name)})`)
    return `        ${p.name}: { ${parts.join(', ')} }`
  })
  return `    defaults: {\n${lines.join(',\n')}\n    }`
}

function credentialsBlock (node) {
  const lines = node.rows.filter(isCredential).map((c) => `        ${c.name}: { type: 'password' }`)
  return lines.length ? `    credentials: {\n${lines.join(',\n')}\n    }` : ''
}

function registerType (node) {
  const call = (hook) => `function () { return BinanceSpotEditor.${hook}(this); }`
  const members = []
  if (node.config) {
    members.push("    category: 'config'")
  } else {
    members.push(`    category: ${q(CATEGORY)}`, `    color: ${q(COLOR)}`, `    icon: ${q(node.icon)}`, '    inputs: 1', '    outputs: 1')
  }
  members.push(defaultsBlock(node))
  const credentials = credentialsBlock(node)
  if (credentials) members.push(credentials)
  members.push(`    paletteLabel: ${call('paletteLabel')}`, `    label: ${call('label')}`, `    labelStyle: ${call('labelStyle')}`)
  if (node.outputLabel) members.push(`    outputLabels: ${call('outputLabel')}`)
  members.push(`    onadd: ${call('onadd')}`, `    oneditprepare: ${call('prepare')}`, `    oneditsave: ${call('save')}`, `    oneditcancel: ${call('cancel')}`)
  return `RED.nodes.registerType(${q(node.type)}, {\n${members.join(',\n')}\n});`
}

function row (prefix, ns, field) {
  const id = `${prefix}-${field.name}`
  const key = (k) => (k.startsWith('common.') || field.shared ? (k.startsWith('common.') ? k : `common.editor.${k}`) : `${ns}.${k}`)
  const label = (text) => `<label for="${id}"><i class="fa fa-${field.icon || 'tag'}"></i> <span data-i18n="${key(text)}"></span></label>`
  const open = `    <div class="form-row" data-binance-row="${field.name}">`
  switch (field.kind) {
    case 'checkbox':
      return [open,
        `        <label for="${id}">&nbsp;</label>`,
        `        <input type="checkbox" id="${id}" style="display: inline-block; width: auto; vertical-align: top;">`,
        `        <label for="${id}" style="width: auto;" data-i18n="${key(`label.${field.name}`)}"></label>`,
        '    </div>'].join('\n')
    case 'select':
      return [open,
        `        ${label(`label.${field.name}`)}`,
        `        <select id="${id}" style="width: 70%;">`,
        ...field.options.map((o) => `            <option value="${attr(o)}" data-i18n="${key(field.optionLabels ? `${field.optionLabels}.${o}` : `${field.name}.${o}`)}"></option>`),
        '        </select>',
        '    </div>'].join('\n')
    case 'number':
      return [open,
        `        ${label(`label.${field.name}`)}`,
        `        <input type="text" id="${id}" style="width: 100px;"> <span data-i18n="common.editor.unit.${field.unit}"></span>`,
        '    </div>'].join('\n')
    case 'password':
      return [open, `        ${label(`label.${field.name}`)}`, `        <input type="password" id="${id}" style="width: 70%;">`, '    </div>'].join('\n')
    default:
      // Text, URLs and value fields; value fields become TypedInputs in the shared editor module.
      return [open,
        `        ${label(`label.${field.name}`)}`,
        `        <input type="text" id="${id}" style="width: 70%;">`,
        ...(isValueField(field) ? [`        <input type="hidden" id="${prefix}-${typeProperty(field.name)}">`] : []),
        '    </div>'].join('\n')
  }
}

function template (node, ns) {
  const prefix = node.config ? 'node-config-input' : 'node-input'
  const name = row(prefix, ns, { name: 'name', kind: 'text', icon: 'tag', shared: true })
  const rows = []
  if (node.config) rows.push(name)
  else rows.push(row(prefix, ns, { name: 'account', kind: 'text', icon: 'user', shared: true }))
  for (const r of node.rows) {
    if ('tip' in r) {
      rows.push(`    <div class="form-row form-tips${r.warning ? ' binance-spot-warning' : ''}" data-binance-row="tip-${r.tip}">\n` +
        `        <i class="fa fa-${r.warning ? 'exclamation-triangle' : 'info-circle'}"></i> <span data-i18n="${ns}.tip.${r.tip}"></span>\n    </div>`)
    } else if ('widget' in r) {
      rows.push(`    <div class="form-row" data-binance-widget="${r.widget}"></div>`)
    } else {
      rows.push(row(prefix, ns, r))
    }
  }
  if (!node.config) rows.push(name)
  return `<script type="text/html" data-template-name="${node.type}">\n${rows.join('\n')}\n</script>`
}

/** The whole editor file of one node file. */
function editorHtml (nodeFile, moduleName) {
  const parts = [
    '<!-- Generated by scripts/build.js from editor/nodes/' + nodeFile.file + '.ts: edit that file, not this one. -->',
    `<script src="resources/${moduleName}/editor.js"></script>`
  ]
  for (const node of nodeFile.nodes) {
    parts.push(`<script type="text/javascript">\n${registerType(node)}\n</script>`, template(node, nodeFile.file))
  }
  return parts.join('\n\n') + '\n'
}

module.exports = { editorHtml }
