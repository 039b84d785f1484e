// One market-stream connection: the streams it listens to and Binance's
// control messages (SUBSCRIBE, UNSUBSCRIBE, LIST_SUBSCRIPTIONS, SET_PROPERTY,
// GET_PROPERTY) with the answers and error texts of web-socket-streams.md.
import type { SimConnection } from './ws-connection';
import { parseStreamName } from './ws-names';

/** Binance: a single connection can listen to a maximum of 1024 streams. */
export const MAX_STREAMS = 1024;

const METHODS = ['SUBSCRIBE', 'UNSUBSCRIBE', 'LIST_SUBSCRIPTIONS', 'SET_PROPERTY', 'GET_PROPERTY'];
const ID_TEXT = /^[A-Za-z0-9]{1,36}$/;

export interface StreamRegistry {
  add(name: string, session: MarketSession): void;
  remove(name: string, session: MarketSession): void;
}

type Answer = { result: unknown; id: unknown } | { error: { code: number; msg: string }; id?: unknown };

class RequestError extends Error {
  constructor(readonly code: number, msg: string) {
    super(msg);
  }
}

const invalid = (what: string) => new RequestError(2, `Invalid request: ${what}`);

export class MarketSession {
  readonly streams = new Set<string>();

  constructor(
    readonly connection: SimConnection,
    private combined: boolean,
    private readonly registry: StreamRegistry,
  ) {}

  /** Streams named in the URL (`/ws/a/b`, `/stream?streams=a/b`), already checked. */
  start(names: string[]): void {
    for (const name of names) this.listen(name);
  }

  deliver(raw: string, combined: string): void {
    this.connection.send(this.combined ? combined : raw);
  }

  /** Sent to raw and combined connections in their own form. */
  serverShutdown(time: number): void {
    const raw = JSON.stringify({ e: 'serverShutdown', E: time });
    this.connection.send(this.combined ? `{"stream":"!serverShutdown","data":${raw}}` : raw);
  }

  end(): void {
    for (const name of this.streams) this.registry.remove(name, this);
    this.streams.clear();
  }

  handle(text: string): void {
    let request: unknown;
    try {
      request = JSON.parse(text);
    } catch {
      this.answer({ error: { code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' } });
      return;
    }
    let id: unknown;
    try {
      if (!request || typeof request !== 'object' || Array.isArray(request)) throw invalid('expected a JSON object');
      const r = request as Record<string, unknown>;
      id = r.id;
      if (!(id === null || (typeof id === 'number' && Number.isSafeInteger(id)) || (typeof id === 'string' && ID_TEXT.test(id)))) {
        id = undefined;
        throw invalid('request ID must be an unsigned integer');
      }
      if (typeof r.method !== 'string') throw invalid(`missing field \`method\` at line 1 column ${text.length}`);
      if (!METHODS.includes(r.method)) {
        throw invalid(`unknown variant \`${r.method}\`, expected one of ${METHODS.map((m) => `\`${m}\``).join(', ')} at line 1 column 28`);
      }
      this.answer({ result: this.run(r.method, r.params), id });
    } catch (error) {
      if (!(error instanceof RequestError)) throw error;
      this.answer(id === undefined ? { error: { code: error.code, msg: error.message } } : { error: { code: error.code, msg: error.message }, id });
    }
  }

  private run(method: string, params: unknown): unknown {
    switch (method) {
      case 'SUBSCRIBE':
      case 'UNSUBSCRIBE': {
        const names = this.streamParams(params);
        if (method === 'SUBSCRIBE') {
          const added = names.filter((n) => !this.streams.has(n)).length;
          if (this.streams.size + added > MAX_STREAMS) throw invalid(`too many streams: a connection can listen to at most ${MAX_STREAMS}`);
          for (const name of names) this.listen(name);
        } else {
          for (const name of names) this.forget(name);
        }
        return null;
      }
      case 'LIST_SUBSCRIPTIONS':
        return [...this.streams];
      case 'SET_PROPERTY': {
        if (!Array.isArray(params) || params.length !== 2) throw invalid('too many parameters');
        if (typeof params[0] !== 'string') throw invalid('property name must be a string');
        if (params[0] !== 'combined') throw new RequestError(0, 'Unknown property');
        if (typeof params[1] !== 'boolean') throw new RequestError(1, 'Invalid value type: expected Boolean');
        this.combined = params[1];
        return null;
      }
      default: {
        if (!Array.isArray(params) || params.length !== 1) throw invalid('too many parameters');
        if (typeof params[0] !== 'string') throw invalid('property name must be a string');
        if (params[0] !== 'combined') throw new RequestError(0, 'Unknown property');
        return this.combined;
      }
    }
  }

  private streamParams(params: unknown): string[] {
    if (!Array.isArray(params)) throw invalid('params must be a list of stream names');
    for (const name of params) {
      if (typeof name !== 'string' || !parseStreamName(name)) throw invalid(`invalid stream name ${JSON.stringify(name)}`);
    }
    return params as string[];
  }

  private listen(name: string): void {
    if (this.streams.has(name)) return;
    this.streams.add(name);
    this.registry.add(name, this);
  }

  private forget(name: string): void {
    if (!this.streams.delete(name)) return;
    this.registry.remove(name, this);
  }

  private answer(answer: Answer): void {
    this.connection.send(JSON.stringify(answer));
  }
}
