'use strict'
// Fills the generated parts of a help file: <!-- inputs --> becomes the list
// of msg properties the node reads (its value fields and its msgInputs), and
// <!-- errors --> the error codes it reports, each with its text from the
// catalogue: the node's own (<ns>.help.…) or the shared one (common.help.…).
const { helpItems, isValueField } = require('./definitions')

function lookup (catalogue, key) {
  let value = catalogue
  for (const part of key.split('.')) value = value && typeof value === 'object' ? value[part] : undefined
  return typeof value === 'string' ? value : undefined
}

/** A help text in the language, else in English; a text missing in English is a build error. */
function texter (catalogue, english, where) {
  return (...keys) => {
    for (const source of [catalogue, english]) {
      for (const key of keys) {
        const found = lookup(source, key)
        if (found !== undefined) return found
      }
    }
    throw new Error(`${where}: no text for ${keys.join(' or ')}`)
  }
}

/** A text with its __parameters__ (a field's range, from its definition) filled in; one the definition lacks is a build error. */
function withParams (text, params, key) {
  return text.replace(/__(\w+)__/g, (whole, name) => {
    if (!(name in params)) throw new Error(`${key}: no value for __${name}__`)
    return String(params[name])
  })
}

function inputsSection (node, ns, t) {
  const { inputs } = helpItems(node)
  const items = inputs.map((input) => {
    const dt = input.required ? '<dt>' : '<dt class="optional">'
    const type = input.type.split(' | ').map((name) => t(`common.help.types.${name}`)).join(' | ')
    const text = t(`${ns}.help.inputs.${input.name}`, `common.help.inputs.${input.name}`)
    return `        ${dt}${input.name} <span class="property-type">${type}</span></dt>\n` +
      `        <dd>${withParams(text, input.params || {}, `${ns}.help.inputs.${input.name}`)}</dd>`
  })
  const typed = node.rows.some(isValueField)
  return [
    `<h3>${t('common.help.inputs.title')}</h3>`,
    ...(typed ? [`    <p>${t('common.help.typedInput')}</p>`] : []),
    '    <dl class="message-properties">',
    ...items,
    '    </dl>'
  ].join('\n')
}

function errorsSection (node, ns, t) {
  const { errors } = helpItems(node)
  return [
    `<h3>${t('common.help.errors.title')}</h3>`,
    `    <p>${t('common.help.errors.intro')}</p>`,
    '    <dl class="message-properties">',
    ...errors.map((code) => `        <dt>${code}</dt><dd>${t(`${ns}.help.errors.${code}`, `common.help.errors.${code}`)}</dd>`),
    '    </dl>',
    `    <p>${t('common.help.errors.cause')}</p>`
  ].join('\n')
}

/** The help file with its generated parts, per <script data-help-name> block. */
function fillHelp (html, nodeFile, catalogue, english, where) {
  const t = texter(catalogue, english, where)
  return html.replace(/(<script type="text\/html" data-help-name="([^"]+)">)([\s\S]*?)(<\/script>)/g, (whole, open, type, body, close) => {
    const node = nodeFile.nodes.find((n) => n.type === type)
    if (!node) throw new Error(`${where}: help for ${type}, which ${nodeFile.file} does not define`)
    const filled = body
      .replace('<!-- inputs -->', () => inputsSection(node, nodeFile.file, t))
      .replace('<!-- errors -->', () => errorsSection(node, nodeFile.file, t))
    return open + filled + close
  })
}

module.exports = { fillHelp, lookup }
