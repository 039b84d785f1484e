/* The edit form: rows that show only for some choices (a price for priced
   orders, a limit for some data), options allowed only with some choices,
   placeholders that say what an empty field falls back to, and hidden
   fields cleared on save, because the runtime refuses what a choice does not
   take. */

function rowOf(node, name) {
    return $(definitionOf(node).config ? '#node-config-dialog-edit-form' : '#dialog-form').find('[data-binance-row="' + name + '"]');
}

/** The placeholder says what an empty field reads; a field read from msg, flow, ... has none. */
function placeholderOf(node, field) {
    if (!field.placeholder || !isShown(node, field)) return '';
    if (field.typed && isLookedUp(typeOf(node, field))) return '';
    const key = field.placeholder === true ? 'placeholder.' + field.name : 'placeholder.' + field.name + '.' + valueOf(node, field.placeholder);
    return text(node, key, { min: field.min, max: field.typed ? maxOf(node, field) : field.max });
}

function refresh(node) {
    const definition = definitionOf(node);
    for (const row of definition.rows) {
        const name = row.name || (row.tip ? 'tip-' + row.tip : null);
        if (name) rowOf(node, name).toggle(isShown(node, row));
        if (row.placeholder) visibleInput(inputOf(definition, row.name)).attr('placeholder', placeholderOf(node, row));
        if (row.allowedWhen) {
            const select = inputOf(definition, row.name);
            for (const [option, when] of Object.entries(row.allowedWhen)) {
                select.find('option[value="' + option + '"]').prop('disabled', !isAllowed(node, when));
            }
        }
    }
}

/** Fields being re-checked now: a field that depends on itself through others is checked once. */
const revalidating = new Set();

/** Re-checks the fields whose validity depends on another one, so that their red border follows it. */
function revalidate(node, changed) {
    const definition = definitionOf(node);
    revalidating.add(changed);
    try {
        for (const row of definition.rows) {
            if (!row.name || revalidating.has(row.name)) continue;
            const dependsOnChanged = (row.maxBy && row.maxBy.field === changed) || conditionsOf(row).some((when) => when.field === changed) ||
                (row.allowedWhen && Object.values(row.allowedWhen).some((w) => w.field === changed));
            if (dependsOnChanged) inputOf(definition, row.name).trigger('change');
        }
    } finally {
        revalidating.delete(changed);
    }
}

function prepareRows(node) {
    const definition = definitionOf(node);
    for (const field of Object.values(definition.fields)) {
        const onChange = () => {
            refresh(node);
            revalidate(node, field.name);
        };
        if (field.typed) setUpTypedInput(node, field, onChange);
        else inputOf(definition, field.name).on('change', onChange);
        if (field.kind === 'symbolList') inputOf(definition, field.name).autoComplete({ search: symbolCompletions(node, field), minLength: 0 });
    }
    refresh(node);
}

function saveRows(node) {
    const definition = definitionOf(node);
    for (const field of Object.values(definition.fields)) {
        if (isShown(node, field) || field.keepWhenHidden) continue;
        if (field.typed) clearTyped(node, field);
        else if (field.kind !== 'select' && field.kind !== 'checkbox') inputOf(definition, field.name).val('');
    }
}
