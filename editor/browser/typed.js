/* Value fields as TypedInputs: the field's own text (a number for amounts and
   ids, a list of choices for order types and intervals), or msg, flow,
   global, env or JSONata. A flow saved before TypedInput has no type: its
   text is shown as the own type, and an empty choice, which the runtime
   reads from msg.<field>, as msg.<field>. */

function optionLabel(node, field, option) {
    return text(node, (field.optionLabels || field.name) + '.' + option);
}

function ownTypeOf(node, field) {
    if (field.kind === 'choice') {
        return {
            value: 'str',
            label: RED._('typedInput.type.str'),
            icon: 'fa fa-list',
            options: field.options.map((o) => ({ value: o, label: optionLabel(node, field, o) }))
        };
    }
    if (field.kind === 'symbol' || field.kind === 'symbols') {
        return { value: 'str', label: RED._('typedInput.type.str'), icon: 'red/images/typedInput/az.svg', autoComplete: symbolCompletions(node, field) };
    }
    return field.ownType;
}

/** The saved value and type as the dialog should show them. */
function savedTyped(node, field) {
    let type = node[field.typeProperty];
    let value = node[field.name];
    if (value === undefined || value === null) value = '';
    if (!type || (type === 'str' && field.kind === 'choice' && !field.options.includes(value))) {
        const fromMsg = field.kind === 'choice' && value === '';
        type = fromMsg ? 'msg' : field.ownType;
        if (fromMsg) value = field.name;
    }
    return { type, value: String(value) };
}

function setUpTypedInput(node, field, onChange) {
    const definition = definitionOf(node);
    const input = inputOf(definition, field.name);
    const typeField = inputOf(definition, field.typeProperty);
    const saved = savedTyped(node, field);
    input.val(saved.value);
    typeField.val(saved.type);
    input.typedInput({
        default: field.ownType,
        typeField: typeField,
        types: [ownTypeOf(node, field)].concat(LOOKED_UP)
    });
    input.typedInput('type', saved.type);
    input.typedInput('value', saved.value);
    input.on('change', onChange);
}

/** Empties a value field, back to its own type. */
function clearTyped(node, field) {
    const input = inputOf(definitionOf(node), field.name);
    input.typedInput('type', field.ownType);
    input.typedInput('value', field.kind === 'choice' ? field.default : '');
}
