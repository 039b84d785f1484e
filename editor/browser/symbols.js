/* Symbol look-up: the symbol fields complete from the exchange's symbol list
   of the environment the node's account points at (or live Binance, which a
   node without account reads), fetched once per dialog through the admin
   endpoint. Typing "/USDT" lists the pairs quoted in USDT, "ETH/" those of
   ETH; anything else matches the symbol. */

const symbolLists = new Map();

/** The environment a node's symbols come from, as the account dialog or the deployed account says. */
function environmentOf(node) {
    const definition = definitionOf(node);
    const accountId = editing.has(node) ? inputOf(definition, 'account').val() : node.account;
    const account = accountId && accountId !== '_ADD_' ? RED.nodes.node(accountId) : null;
    if (!account) return { environment: 'live' };
    return { account: account.id, environment: account.environment, restUrl: account.environment === 'custom' ? account.restUrl : undefined };
}

function fetchSymbols(where) {
    const key = JSON.stringify(where);
    if (!symbolLists.has(key)) {
        const request = $.ajax({ url: 'binance-spot/symbols', data: where, dataType: 'json' }).then(
            (answer) => answer.symbols,
            () => {
                symbolLists.delete(key);
                return [];
            }
        );
        symbolLists.set(key, request);
    }
    return symbolLists.get(key);
}

const MAX_COMPLETIONS = 50;

function matches(entry, query) {
    const slash = query.indexOf('/');
    if (slash === -1) return entry.symbol.includes(query);
    const base = query.slice(0, slash);
    const quote = query.slice(slash + 1);
    return (!base || entry.base.startsWith(base)) && (!quote || entry.quote.startsWith(quote));
}

/** The search function of a symbol TypedInput; for a list of symbols it completes the last one. */
function symbolCompletions(node, field) {
    return function (value, done) {
        const parts = String(value).split(',');
        const query = parts.pop().trim().toUpperCase();
        const before = parts.length ? parts.join(',') + ',' : '';
        fetchSymbols(environmentOf(node)).then((list) => {
            const found = list.filter((entry) => matches(entry, query));
            found.sort((a, b) => (a.symbol.startsWith(query) ? 0 : 1) - (b.symbol.startsWith(query) ? 0 : 1) || a.symbol.localeCompare(b.symbol));
            done(found.slice(0, MAX_COMPLETIONS).map((entry) => ({
                value: field.kind === 'symbol' ? entry.symbol : before + entry.symbol,
                label: $('<span>').text(entry.symbol + '  ').append($('<small>').css('opacity', 0.7).text(entry.base + ' / ' + entry.quote))
            })));
        });
    };
}
