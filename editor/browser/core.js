/* The shared state and helpers of the editor module: which dialogs are open,
   what a field holds right now, and texts in the node's language. The build
   puts DEFINITIONS (from editor/nodes/) and VOCABULARY (from nodes/lib/) in
   front of this file. */

/** The TypedInput types whose value the runtime looks up when a msg arrives (nodes/lib/inputs.ts). */
const LOOKED_UP = VOCABULARY.lookedUp;
const ACCOUNT_TYPE = 'binance-spot-account';

/** Nodes whose edit dialog is open: while it is, the saved properties are stale and the screen counts. */
const editing = new Set();

function definitionOf(node) {
    return DEFINITIONS[node.type];
}

function inputOf(definition, name) {
    return $('#' + (definition.config ? 'node-config-input-' : 'node-input-') + name);
}

/** A text of the node's own catalogue (`<file>.<key>`, or `common.<key>`, merged into it), in the editor's language. */
function text(node, key, params) {
    const full = key.startsWith('common.') ? key : definitionOf(node).ns + '.' + key;
    const def = RED.nodes.getType(node.type);
    return def ? def._(full, params) : full;
}

/** The input a person types into: a TypedInput's own, else the element itself. */
function visibleInput(input) {
    const typed = input.data('noderedTypedInput');
    return typed ? typed.input : input;
}

/** What a property holds now: on screen while the node's dialog is open, else as saved. */
function valueOf(node, name) {
    if (editing.has(node)) {
        const input = inputOf(definitionOf(node), name);
        if (input.length) {
            if (input.is(':checkbox')) return input.prop('checked');
            if (input.data('noderedTypedInput')) return input.typedInput('value');
            return input.val();
        }
    }
    return node[name];
}

/** A value field's TypedInput type; none means a flow saved before TypedInput, whose text is the value. */
function typeOf(node, field) {
    if (editing.has(node)) {
        const input = inputOf(definitionOf(node), field.name);
        if (input.data('noderedTypedInput')) return input.typedInput('type');
    }
    return node[field.typeProperty] || field.ownType;
}

const isLookedUp = (type) => LOOKED_UP.includes(type);

/** The conditions of a row's showWhen, one or a list. */
const conditionsOf = (row) => (row.showWhen ? [].concat(row.showWhen) : []);

/** A condition holds while its field is shown and holds one of its values, or is only known when a msg arrives. */
function holds(node, when) {
    const controller = definitionOf(node).fields[when.field];
    if (!isShown(node, controller)) return false;
    if (controller.typed && isLookedUp(typeOf(node, controller))) return true;
    return when.values.includes(valueOf(node, controller.name));
}

/** Whether a row is shown: it has no condition, or one of its conditions holds. */
function isShown(node, row) {
    return !row.showWhen || conditionsOf(row).some((when) => holds(node, when));
}

const trimmed = (value) => String(value === undefined || value === null ? '' : value).trim();
