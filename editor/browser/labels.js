/* Palette labels and node labels: a catalogue text with the fields the node
   shows as parameters, so that each language orders them as it reads best. */

function paletteLabel(nodeOrDefinition) {
    return text(nodeOrDefinition, definitionOf(nodeOrDefinition).paletteLabel);
}

/** A field as the label shows it: its own text, upper-cased where Binance upper-cases it; nothing when hidden or read from msg. */
function shownValue(node, field) {
    if (!isShown(node, field) || (field.typed && isLookedUp(typeOf(node, field)))) return '';
    const value = trimmed(node[field.name]);
    return ['symbol', 'symbols', 'symbolList', 'asset'].includes(field.kind) ? value.toUpperCase().replace(/\s+/g, '') : value;
}

function label(node) {
    if (node.name) return node.name;
    const definition = definitionOf(node);
    if (!definition.label) return paletteLabel(node);
    const key = definition.label.key.replace(/\{(\w+)\}/g, (whole, name) => {
        const field = definition.fields[name];
        return field.options.includes(node[name]) ? node[name] : field.default;
    });
    const params = {};
    for (const name of definition.label.params) params[name] = shownValue(node, definition.fields[name]);
    return text(node, key, params).replace(/\s+/g, ' ').trim() || paletteLabel(node);
}

function labelStyle(node) {
    return node.name ? 'node_label_italic' : '';
}

function outputLabel(node) {
    return text(node, definitionOf(node).outputLabel);
}
