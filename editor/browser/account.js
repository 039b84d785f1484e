/* The account: a new node takes the workspace's account, and the account
   dialog checks its environment and key before anything is deployed. */

/** The first account of the workspace that is not disabled, if any. */
function workspaceAccount() {
    let found = null;
    RED.nodes.eachConfig((config) => {
        if (!found && config.type === ACCOUNT_TYPE && !config.d) found = config;
    });
    return found;
}

/**
 * A node dropped from the palette takes the workspace's account. Imported and
 * pasted nodes (which Node-RED also hands to onadd, with their saved
 * properties in _config) keep the account they were saved with.
 */
function onadd(node) {
    const definition = definitionOf(node);
    if (definition.config || node.account || node._config) return;
    const account = workspaceAccount();
    if (account) node.account = account.id;
}

const CREDENTIALS = ['apiKey', 'apiSecret', 'privateKey', 'privateKeyPassphrase'];

/** What the dialog shows now; a stored credential shows as __PWRD__ and is read by the server from the deployed account. */
function connectionRequest(node) {
    const definition = definitionOf(node);
    const body = { id: node.id, credentials: {} };
    for (const name of ['environment', 'restUrl', 'streamUrl', 'wsApiUrl', 'recvWindow', 'timeout']) body[name] = inputOf(definition, name).val();
    for (const name of CREDENTIALS) body.credentials[name] = inputOf(definition, name).val();
    return body;
}

function resultLine(node, state, key, params) {
    const icons = { ok: 'fa-check', warn: 'fa-exclamation-triangle', bad: 'fa-times', info: 'fa-info-circle' };
    return $('<div>', { class: 'binance-spot-check binance-spot-check-' + state })
        .append($('<i>', { class: 'fa fa-fw ' + icons[state] }), ' ', $('<span>').text(text(node, 'common.editor.test.' + key, params)));
}

function describeResult(node, result) {
    const lines = [];
    const line = (state, key, params) => lines.push(resultLine(node, state, key, params));
    if (!result.reachable) {
        line('bad', 'unreachable', { server: result.server, reason: result.error ? result.error.message : '' });
        return lines;
    }
    line('ok', 'reachable', { server: result.server, ms: result.roundTripMs });
    const offset = Math.abs(result.clockOffsetMs);
    line(offset * 2 < result.recvWindow ? 'ok' : 'warn', 'clock', { ms: (result.clockOffsetMs > 0 ? '+' : '') + result.clockOffsetMs });
    const key = result.key;
    if (!key) {
        line('info', 'noKey');
        return lines;
    }
    if (!key.valid) {
        line('bad', 'keyRefused', { reason: key.error ? key.error.message : '' });
        return lines;
    }
    line('ok', 'keyValid');
    line(key.canTrade ? 'ok' : 'warn', key.canTrade ? 'canTrade' : 'cannotTrade');
    if (key.restrictions) {
        line(key.restrictions.ipRestricted ? 'ok' : 'warn', key.restrictions.ipRestricted ? 'ipRestricted' : 'notIpRestricted');
        if (key.restrictions.canWithdraw) line('bad', 'canWithdraw');
        else line('ok', 'cannotWithdraw');
    } else {
        line('info', 'noRestrictions');
    }
    return lines;
}

function prepareTestConnection(node, container) {
    const button = $('<button type="button" class="red-ui-button">')
        .append($('<i class="fa fa-plug">'), ' ', $('<span>').text(text(node, 'common.editor.test.button')));
    const results = $('<div class="binance-spot-test-results">');
    container.append($('<label>').html('&nbsp;'), button, results);
    button.on('click', () => {
        button.prop('disabled', true);
        results.empty().append(resultLine(node, 'info', 'running'));
        $.ajax({ url: 'binance-spot/test-connection', method: 'POST', contentType: 'application/json', data: JSON.stringify(connectionRequest(node)), dataType: 'json' })
            .then(
                (result) => results.empty().append(describeResult(node, result)),
                (xhr) => results.empty().append(resultLine(node, 'bad', 'failed', { reason: (xhr.responseJSON && xhr.responseJSON.message) || xhr.statusText }))
            )
            .always(() => button.prop('disabled', false));
    });
}

const WIDGETS = { testConnection: prepareTestConnection };

function prepareWidgets(node) {
    const form = $(definitionOf(node).config ? '#node-config-dialog-edit-form' : '#dialog-form');
    form.find('[data-binance-widget]').each(function () {
        WIDGETS[$(this).attr('data-binance-widget')](node, $(this));
    });
}
