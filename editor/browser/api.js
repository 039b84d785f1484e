/* What the generated editor files call: one entry per hook of a node
   definition, the same for every node of the package. */

const STYLE = '<style id="binance-spot-editor-style">' +
    '.binance-spot-warning { color: var(--red-ui-text-color-error, #c00); border-color: var(--red-ui-text-color-error, #c00); font-weight: bold; }' +
    '.binance-spot-test-results { margin: 6px 0 0 104px; }' +
    '.binance-spot-check-ok i { color: #3a7d44; } .binance-spot-check-warn i { color: #c48a00; }' +
    '.binance-spot-check-bad { color: var(--red-ui-text-color-error, #c00); font-weight: bold; }' +
    '</style>';

window.BinanceSpotEditor = {
    validator,
    paletteLabel,
    label,
    labelStyle,
    outputLabel,
    onadd,
    prepare(node) {
        if (!$('#binance-spot-editor-style').length) $('head').append(STYLE);
        editing.add(node);
        prepareRows(node);
        prepareWidgets(node);
    },
    save(node) {
        saveRows(node);
        editing.delete(node);
    },
    cancel(node) {
        editing.delete(node);
    }
};
