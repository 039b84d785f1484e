/* Field validators, built from the runtime's own vocabulary (its patterns and
   limits) and, for decimals, its own code (RUNTIME.decimal), so that a dialog
   accepts exactly what the nodes accept. Choices take the runtime's words in
   the spelling the dialog offers them. Each answers true or a message key
   (common.editor.invalid.*) with its parameters. */

const SYMBOL = new RegExp(VOCABULARY.symbol);
const ASSET = new RegExp(VOCABULARY.asset);
const CLIENT_ORDER_ID = new RegExp(VOCABULARY.clientOrderId);
const WORDS = { eventName: new RegExp(VOCABULARY.eventName) };
const WHOLE = /^\d+$/;

/** The upper bound of a number field, which may depend on another field (limit by mode, amount by amount type). */
function maxOf(node, field) {
    if (field.maxBy) {
        const by = field.maxBy.values[valueOf(node, field.maxBy.field)];
        if (by !== undefined) return by;
    }
    return field.max;
}

/** A whole number from the field's minimum to its maximum (which may depend on another field). */
function wholeInRange(v, field, node) {
    const max = maxOf(node, field);
    return (WHOLE.test(v) && Number(v) >= field.min && Number(v) <= max) || { key: 'integer', params: { min: field.min, max } };
}

/** One symbol or several separated by commas, any case. */
const symbolList = (v) => v.split(',').every((s) => SYMBOL.test(s.trim().toUpperCase())) || { key: 'symbols' };

const CHECKS = {
    symbol: (v) => SYMBOL.test(v.toUpperCase()) || { key: 'symbol' },
    symbols: symbolList,
    asset: (v) => ASSET.test(v.toUpperCase()) || { key: 'asset' },
    clientOrderId: (v) => CLIENT_ORDER_ID.test(v) || { key: 'clientOrderId' },
    /** A positive decimal as the nodes read it (0.0001, 1e-4), with at most as many decimal places as they send. */
    decimal(v, field, node) {
        let plain;
        try {
            plain = RUNTIME.decimal.toPositiveDecimal(v, field.name);
        } catch (err) {
            if (!err.key) throw err;
            return err.key === 'input.decimalPlaces' ? { key: 'decimalPlaces', params: { max: err.params.max } } : { key: 'decimal' };
        }
        const max = maxOf(node, field);
        return max === undefined || Number(plain) <= max || { key: 'atMost', params: { max } };
    },
    integer: wholeInRange,
    number(v, field, node) {
        const oneOf = field.oneOfBy && field.oneOfBy.values[valueOf(node, field.oneOfBy.field)];
        if (oneOf) return oneOf.includes(Number(v)) && WHOLE.test(v) || { key: 'oneOf', params: { values: oneOf.join(', ') } };
        return wholeInRange(v, field, node);
    },
    symbolList,
    wordList: (v, field) => v.split(',').every((w) => WORDS[field.word].test(w.trim())) || { key: 'words' },
    choice: (v, field) => field.options.includes(v) || { key: 'choice' },
    select(v, field, node) {
        if (!field.options.includes(v)) return { key: 'choice' };
        const when = field.allowedWhen && field.allowedWhen[v];
        return !when || isAllowed(node, when) || { key: 'notWith', params: { value: v } };
    },
    url(v, field) {
        try {
            return field.protocols.includes(new URL(v).protocol) || { key: 'url', params: { protocols: field.protocols.join(' ') } };
        } catch (err) {
            return { key: 'url', params: { protocols: field.protocols.join(' ') } };
        }
    }
};

/** An option allowed only with some values of another field (quote quantity: MARKET orders). */
function isAllowed(node, when) {
    const controller = definitionOf(node).fields[when.field];
    if (controller.typed && isLookedUp(typeOf(node, controller))) return true;
    return when.values.includes(valueOf(node, when.field));
}

function check(node, field, value) {
    // A hidden field is cleared when the dialog is saved, and the runtime ignores it meanwhile.
    if (!isShown(node, field)) return true;
    if (field.typed) {
        const type = typeOf(node, field);
        if (isLookedUp(type)) {
            if (type === 'env') return trimmed(value) !== '' || { key: 'required' };
            const result = RED.utils.validateTypedProperty ? RED.utils.validateTypedProperty(value, type) : true;
            return result === true || { text: result };
        }
    }
    const v = trimmed(value);
    if (v === '') return !field.required || { key: 'required' };
    if (v.length > VOCABULARY.maxText) return { key: 'tooLong', params: { max: VOCABULARY.maxText } };
    return CHECKS[field.kind] ? CHECKS[field.kind](v, field, node) : true;
}

/** The validate function of a property, as Node-RED calls it: a message when it asks for one (opt), else a boolean. */
function validator(type, name) {
    return function (value, opt) {
        const field = DEFINITIONS[type].fields[name];
        const result = check(this, field, value);
        if (result === true) return true;
        if (!opt) return false;
        return result.text || text(this, 'common.editor.invalid.' + result.key, result.params);
    };
}
