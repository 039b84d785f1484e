declare module '@binance/connector' {
  type Params = Record<string, unknown>;

  /**
   * The connector's endpoint methods check their required parameters and
   * return whatever its two request methods return; `Call` is that type.
   */
  export class Spot<Call = unknown> {
    constructor(apiKey?: string, apiSecret?: string, options?: { baseURL?: string });
    publicRequest(method: string, path: string, params?: Params): Call;
    signRequest(method: string, path: string, params?: Params): Call;
    time(): Call;
    exchangeInfo(options?: Params): Call;
    depth(symbol: string, options?: Params): Call;
    trades(symbol: string, options?: Params): Call;
    klines(symbol: string, interval: string, options?: Params): Call;
    avgPrice(symbol: string): Call;
    ticker24hr(symbol?: string, symbols?: string[], type?: string): Call;
    tickerPrice(symbol?: string, symbols?: string[]): Call;
    bookTicker(symbol?: string, symbols?: string[]): Call;
    account(options?: Params): Call;
    newOrder(symbol: string, side: string, type: string, options?: Params): Call;
    newOrderTest(symbol: string, side: string, type: string, options?: Params): Call;
    newOCOOrder(symbol: string, side: string, quantity: string, aboveType: string, belowType: string, options?: Params): Call;
    getOCOOrder(options?: Params): Call;
    cancelOrder(symbol: string, options?: Params): Call;
    cancelAndReplace(symbol: string, side: string, type: string, cancelReplaceMode: string, options?: Params): Call;
    cancelOpenOrders(symbol: string, options?: Params): Call;
    getOrder(symbol: string, options?: Params): Call;
    openOrders(options?: Params): Call;
    allOrders(symbol: string, options?: Params): Call;
    myTrades(symbol: string, options?: Params): Call;
  }
}
