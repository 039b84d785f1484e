// The market of each symbol: the seeded price walk that moves the market makers'
// book, the size of the simulated flow, and the tape of public trades with the
// last price they set.
import * as D from './decimal';
import { errors } from './errors';
import { PriceHistory, TapeTrade } from './history';
import { hash32, mulberry32 } from './random';
import { Ring } from './ring';
import { ASSET_ORDER, AVG_PRICE_MINS, SYMBOLS, SYMBOL_STATUSES, SymbolRules } from './rules';

type Dec = D.Dec;
export type Side = 'BUY' | 'SELL';

/** Recent public trades kept per symbol, beyond the 1000 that trades and historicalTrades can ask for. */
const TAPE_SIZE = 5000;

export interface SymbolMarket {
  rules: SymbolRules;
  rng: () => number;
  last: Dec;
  lastTime: number;
  history: PriceHistory;
  tape: Ring<TapeTrade>;
  nextTradeId: number;
  nextAggId: number;
  /** Who took the last trade on the tape, for telling whether the next one continues its aggregate. */
  lastTaker: object | undefined;
}

/** What survives a restart: where each market stood and which trade and aggregate trade ids are used. */
export interface MarketState {
  last: string;
  nextTradeId: number;
  nextAggId: number;
}

export class Market {
  private readonly symbols = new Map<string, SymbolMarket>();

  constructor(
    readonly seed: number,
    startTime: number,
    saved: Record<string, MarketState> = {},
  ) {
    for (const rules of SYMBOLS) {
      const keep = saved[rules.symbol];
      const last = keep ? D.dec(keep.last) : rules.start;
      const history = new PriceHistory({
        seed,
        symbol: rules.symbol,
        startTime,
        startPrice: last,
        tickSize: rules.tickSize,
        stepSize: rules.stepSize,
        minQty: rules.minQty,
        volumePerSecond: rules.volumePerSecond,
      });
      this.symbols.set(rules.symbol, {
        rules,
        rng: mulberry32(hash32(seed, rules.symbol)),
        last,
        lastTime: startTime,
        history,
        tape: new Ring<TapeTrade>(TAPE_SIZE),
        nextTradeId: Math.max(keep?.nextTradeId ?? 0, history.startSlot + 1),
        nextAggId: Math.max(keep?.nextAggId ?? 0, history.startSlot + 1),
        lastTaker: undefined,
      });
    }
  }

  names(): string[] {
    return [...this.symbols.keys()];
  }

  has(symbol: string): boolean {
    return this.symbols.has(symbol);
  }

  get(symbol: string): SymbolMarket {
    const m = this.symbols.get(symbol);
    if (!m) throw errors.invalidSymbol();
    return m;
  }

  rules(symbol: string): SymbolRules {
    return this.get(symbol).rules;
  }

  last(symbol: string): Dec {
    return this.get(symbol).last;
  }

  /** Every asset any symbol trades, in Binance's listing order first. */
  assets(): string[] {
    const all = new Set<string>(ASSET_ORDER);
    for (const m of this.symbols.values()) all.add(m.rules.baseAsset).add(m.rules.quoteAsset);
    return [...all];
  }

  static isSymbolStatus(status: string): boolean {
    return SYMBOL_STATUSES.includes(status);
  }

  /** Every simulated symbol is always TRADING. */
  status(symbol: string): string {
    this.get(symbol);
    return 'TRADING';
  }

  /** The walk's next price: up to ±2 basis points from `from`, on the tick grid. */
  walk(symbol: string, from: Dec): Dec {
    const m = this.get(symbol);
    const k = BigInt(Math.floor(m.rng() * 4001) - 2000);
    const moved = D.roundToStep(from + (from * k) / 10000000n, m.rules.tickSize);
    return D.max(moved, D.max(m.rules.minPrice, m.rules.tickSize));
  }

  /**
   * The takers of one step of simulated flow: one to three, mostly in the
   * direction the price moved, together about the symbol's volume per step.
   */
  flow(symbol: string, direction: number, stepMs: number): Array<{ side: Side; qty: Dec }> {
    const m = this.get(symbol);
    const { stepSize, minQty, volumePerSecond } = m.rules;
    const n = 1 + Math.floor(m.rng() * 3);
    const takers: Array<{ side: Side; qty: Dec }> = [];
    for (let i = 0; i < n; i++) {
      const r = m.rng();
      const up = direction > 0 ? r < 0.8 : direction < 0 ? r < 0.2 : r < 0.5;
      const share = (0.2 + 1.6 * m.rng()) * (Math.max(stepMs, 100) / 1000) / n;
      const qty = D.max(minQty, D.floorToStep(D.scale(volumePerSecond, share), stepSize));
      takers.push({ side: up ? 'BUY' : 'SELL', qty });
    }
    return takers;
  }

  /** Mean of the last AVG_PRICE_MINS minutes, as the filters and avgPrice use it. */
  averagePrice(symbol: string, now: number): Dec {
    const m = this.get(symbol);
    let sum = 0n;
    for (let i = 0; i < AVG_PRICE_MINS; i++) sum += m.history.priceAt(now - i * 60000, now, m.last);
    return sum / BigInt(AVG_PRICE_MINS);
  }

  /**
   * Puts a public trade on the tape: it gets the next id and becomes the last
   * price. A trade of the same taker at the same price and time as the one
   * before joins its aggregate; one without a taker is an aggregate of its own.
   */
  record(symbol: string, price: Dec, qty: Dec, isBuyerMaker: boolean, time: number, taker?: object): TapeTrade {
    const m = this.get(symbol);
    const previous = m.tape.last();
    const joins = taker !== undefined && taker === m.lastTaker && previous !== undefined && previous.price === price && previous.time === time;
    m.lastTaker = taker;
    const trade: TapeTrade = { id: m.nextTradeId++, aggId: joins ? (previous as TapeTrade).aggId : m.nextAggId++, price, qty, time, isBuyerMaker };
    m.history.record(m.last, trade);
    m.tape.push(trade);
    m.last = price;
    m.lastTime = time;
    return trade;
  }

  state(): Record<string, MarketState> {
    const out: Record<string, MarketState> = {};
    for (const [symbol, m] of this.symbols) out[symbol] = { last: D.format(m.last), nextTradeId: m.nextTradeId, nextAggId: m.nextAggId };
    return out;
  }
}
