'use strict'
// The node definitions (editor/nodes/*.ts, compiled to dist/) and what follows
// from them: the properties each node stores, the catalogue keys it needs.
// Used by the build, the docs generator and the tests, so that all three read
// one table.
const path = require('path')

const root = path.resolve(__dirname, '..', '..')
const dist = path.join(root, 'dist')

const VALUE_KINDS = ['symbol', 'symbols', 'asset', 'clientOrderId', 'decimal', 'integer', 'choice']

function load () {
  return require(path.join(dist, 'editor', 'nodes', 'index.js')).NODE_FILES
}

/** The TypedInput types every value field offers besides its own text: the runtime's list. */
const { typeProperty, LOOKED_UP: LOOKED_UP_TYPES } = require(path.join(dist, 'nodes', 'lib', 'inputs.js'))

const isField = (row) => typeof row.name === 'string' && row.kind !== 'password'
const isValueField = (row) => VALUE_KINDS.includes(row.kind)
const isCredential = (row) => row.kind === 'password'
/** A value field's own TypedInput type: numbers are `num`, everything else `str`. */
const ownType = (field) => (field.kind === 'decimal' || field.kind === 'integer' ? 'num' : 'str')

/** Every property the node stores, with its default, in the order the editor declares them. */
function properties (node) {
  const list = [{ name: 'name', default: '' }]
  if (!node.config) list.push({ name: 'account', default: '', config: 'binance-spot-account', required: Boolean(node.accountRequired) })
  for (const row of node.rows.filter(isField)) {
    list.push({ name: row.name, default: row.default, field: row })
    if (isValueField(row)) list.push({ name: typeProperty(row.name), default: ownType(row), typeOf: row.name })
  }
  return list
}

/** The catalogue keys (below the file's namespace, or absolute when they start with common.) a node's editor needs. */
function editorKeys (node) {
  const keys = [node.paletteLabel]
  if (node.outputLabel) keys.push(node.outputLabel)
  const optionKeys = (row) => row.options.map((o) => (row.optionLabels ? `${row.optionLabels}.${o}` : `${row.name}.${o}`))
  for (const row of node.rows) {
    if ('tip' in row) keys.push(`tip.${row.tip}`)
    if (!('name' in row)) continue
    keys.push(row.shared ? `common.editor.label.${row.name}` : `label.${row.name}`)
    if (row.options) keys.push(...optionKeys(row))
    if (row.placeholder === true) keys.push(`placeholder.${row.name}`)
    if (typeof row.placeholder === 'string') {
      // Only the values under which the field shows need a placeholder.
      const by = node.rows.find((r) => r.name === row.placeholder)
      const when = [].concat(row.showWhen || []).find((w) => w.field === by.name)
      const values = when ? when.values : by.options
      keys.push(...values.map((o) => `placeholder.${row.name}.${o}`))
    }
  }
  if (node.label) {
    const match = /\{(\w+)\}/.exec(node.label.key)
    if (match) {
      const by = node.rows.find((r) => r.name === match[1])
      keys.push(...by.options.map((o) => node.label.key.replace(match[0], o)))
    } else {
      keys.push(node.label.key)
    }
  }
  return keys
}

/** The catalogue keys the generated help of a node reads: `<ns>.help.…`, or `common.help.…` when the node has none of its own. */
function helpItems (node) {
  if (node.config) return { inputs: [], errors: node.errors || [] }
  // A field whose empty value reads other msg properties (the amount) is documented through those, in msgInputs.
  // A field's msg property is never required: the field itself can hold the value.
  const inputs = node.rows.filter((f) => isValueField(f) && !f.fallback).map((f) => ({ name: f.name, type: f.kind === 'symbols' ? 'string | array' : ownType(f) === 'num' ? 'number | string' : 'string', params: rangeParams(f) }))
  return { inputs: [...inputs, ...(node.msgInputs || [])], errors: node.errors || [] }
}

/** A whole-number field's range as its help text's parameters: __min__, __max__, and __max_<value>__ per value of a maxBy field. */
function rangeParams (field) {
  if (field.kind !== 'integer') return {}
  const params = { min: field.min, max: field.max }
  for (const [value, max] of Object.entries((field.maxBy && field.maxBy.values) || {})) params[`max_${value}`] = max
  return params
}

module.exports = { load, properties, editorKeys, helpItems, isValueField, isCredential, ownType, typeProperty, LOOKED_UP_TYPES, root, dist }
