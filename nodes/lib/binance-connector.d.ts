declare module '@binance/connector' {
  import type { Agent } from 'https';

  export interface ConnectorResponse {
    data: unknown;
    status: number;
    headers: Record<string, string | undefined>;
  }

  export interface SpotOptions {
    baseURL?: string;
    timeout?: number;
    httpsAgent?: Agent;
    logger?: Record<'log' | 'info' | 'warn' | 'error' | 'debug', (...args: unknown[]) => void>;
  }

  type Params = Record<string, unknown>;
  type Call = Promise<ConnectorResponse>;

  export class Spot {
    constructor(apiKey?: string, apiSecret?: string, options?: SpotOptions);
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
    cancelOpenOrders(symbol: string, options?: Params): Call;
    getOrder(symbol: string, options?: Params): Call;
    openOrders(options?: Params): Call;
    allOrders(symbol: string, options?: Params): Call;
    myTrades(symbol: string, options?: Params): Call;
  }
}
