// One WebSocket API connection (/ws-api/v3): the connectivity, session and
// user data stream methods, with Binance's request, response and error shapes
// (web-socket-api.md), and the account events of its subscriptions.
import { checkTiming, type KeyType, type Verifier } from './auth';
import { ApiError, errors } from './errors';
import type { SimConnection } from './ws-connection';
import type { WeightLimiter } from './weights';

export interface ApiDeps {
  serverTime(): number;
  weights: WeightLimiter;
  account(apiKey: string): { verify: Verifier } | undefined;
  keyType(apiKey: string): KeyType | undefined;
}

type Params = Record<string, unknown>;

interface Method {
  weight: number;
  params: string[];
  run(session: ApiSession, params: Params): unknown;
}

const SIGNED = ['apiKey', 'timestamp', 'signature', 'recvWindow'];
const ID_TEXT = /^[A-Za-z0-9\-_]{1,36}$/;

const notAuthorized = () => new ApiError(401, -1002, 'You are not authorized to execute this request.');
const unsupported = () => new ApiError(400, -1020, 'This operation is not supported.');
const subscriptionActive = () => new ApiError(400, -2035, 'User Data Stream subscription already active.');
const subscriptionInactive = () => new ApiError(400, -2036, 'User Data Stream subscription not active.');

const METHODS: Record<string, Method> = {
  ping: { weight: 1, params: [], run: () => ({}) },
  time: { weight: 1, params: [], run: (s) => ({ serverTime: s.deps.serverTime() }) },
  'session.logon': {
    weight: 2,
    params: SIGNED,
    run(s, p) {
      const apiKey = s.authenticate(p);
      if (s.deps.keyType(apiKey) !== 'ed25519') throw unsupported();
      s.logon = { apiKey, since: s.deps.serverTime() };
      return s.status();
    },
  },
  'session.status': { weight: 2, params: [], run: (s) => s.status() },
  'session.logout': {
    weight: 2,
    params: [],
    run(s) {
      for (const [id, sub] of s.subscriptions) if (sub.viaLogon) s.terminate(id);
      s.logon = undefined;
      return s.status();
    },
  },
  'userDataStream.subscribe': {
    weight: 2,
    params: [],
    run(s) {
      if (!s.logon) throw notAuthorized();
      return { subscriptionId: s.subscribe(s.logon.apiKey, true) };
    },
  },
  'userDataStream.subscribe.signature': {
    weight: 2,
    params: SIGNED,
    run: (s, p) => ({ subscriptionId: s.subscribe(s.authenticate(p), false) }),
  },
  'userDataStream.unsubscribe': {
    weight: 2,
    params: ['subscriptionId'],
    run(s, p) {
      if (p.subscriptionId === undefined) {
        for (const id of [...s.subscriptions.keys()]) s.terminate(id);
        return {};
      }
      const id = p.subscriptionId;
      if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw errors.invalidData('subscriptionId');
      if (!s.subscriptions.has(id)) throw subscriptionInactive();
      s.terminate(id);
      return {};
    },
  },
  'session.subscriptions': {
    weight: 2,
    params: [],
    run: (s) => [...s.subscriptions.keys()].map((subscriptionId) => ({ subscriptionId })),
  },
};

/** Binance signs WebSocket API requests over every parameter but the signature, sorted by name. */
export function signaturePayload(params: Params): string {
  return Object.keys(params)
    .filter((name) => name !== 'signature')
    .sort()
    .map((name) => `${name}=${String(params[name])}`)
    .join('&');
}

function timestampOf(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,20}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw errors.mandatory('timestamp');
  return n >= 1e14 ? Math.floor(n / 1000) : n;
}

export class ApiSession {
  readonly subscriptions = new Map<number, { apiKey: string; viaLogon: boolean }>();
  logon: { apiKey: string; since: number } | undefined;
  private nextSubscriptionId = 0;
  private readonly connectedSince: number;

  constructor(
    readonly connection: SimConnection,
    readonly deps: ApiDeps,
    private readonly ip: string,
    /** The connection URL's returnRateLimits: whether answers carry rateLimits unless a request says otherwise. */
    private readonly returnRateLimits: boolean,
  ) {
    this.connectedSince = deps.serverTime();
  }

  handle(text: string): void {
    let id: unknown = null;
    let weight: number | undefined;
    let showLimits = this.returnRateLimits;
    try {
      let request: unknown;
      try {
        request = JSON.parse(text);
      } catch {
        throw errors.mandatory('method');
      }
      if (!request || typeof request !== 'object' || Array.isArray(request)) throw errors.mandatory('method');
      const r = request as Params;
      if (!(r.id === null || r.id === undefined || (typeof r.id === 'number' && Number.isSafeInteger(r.id)) || (typeof r.id === 'string' && ID_TEXT.test(r.id)))) {
        throw errors.illegalChars('id', '^[a-zA-Z0-9-_]{1,36}$');
      }
      id = r.id ?? null;
      if (typeof r.method !== 'string' || r.method === '') throw errors.mandatory('method');
      const method = METHODS[r.method.replace(/^v3\//, '')];
      if (!method) throw unsupported();
      const params = r.params ?? {};
      if (typeof params !== 'object' || params === null || Array.isArray(params)) throw errors.invalidData('params');
      const { returnRateLimits } = params as Params;
      if (returnRateLimits !== undefined) {
        if (typeof returnRateLimits !== 'boolean') throw errors.invalidData('returnRateLimits');
        showLimits = returnRateLimits;
      }
      weight = this.deps.weights.consume(this.ip, method.weight);
      const sent = Object.keys(params);
      const read = sent.filter((name) => name === 'returnRateLimits' || method.params.includes(name)).length;
      if (read !== sent.length) throw errors.unreadParams(read, sent.length);
      const result = method.run(this, params as Params);
      this.reply({ id, status: 200, result }, showLimits && weight);
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(500, -1000, 'An unknown error occurred while processing the request.');
      this.reply({ id, status: e.status, error: { code: e.code, msg: e.message } }, showLimits && (weight ?? this.deps.weights.current(this.ip)));
    }
  }

  event(apiKey: string, event: object): void {
    const text = JSON.stringify(event);
    for (const [id, sub] of this.subscriptions) {
      if (sub.apiKey === apiKey) this.connection.send(`{"subscriptionId":${id},"event":${text}}`);
    }
  }

  serverShutdown(time: number): void {
    this.connection.send(JSON.stringify({ event: { e: 'serverShutdown', E: time } }));
  }

  /** The account whose key signed the request, checked as Binance checks a SIGNED request. */
  authenticate(params: Params): string {
    const { apiKey, signature } = params;
    if (typeof apiKey !== 'string' || apiKey === '') throw errors.mandatory('apiKey');
    if (typeof signature !== 'string' || signature === '') throw errors.mandatory('signature');
    const timestamp = timestampOf(params.timestamp);
    const account = this.deps.account(apiKey);
    if (!account) throw errors.rejectedKey();
    checkTiming(timestamp, params.recvWindow === undefined ? undefined : String(params.recvWindow), this.deps.serverTime());
    if (!account.verify(signaturePayload(params), signature)) throw errors.badSignature();
    return apiKey;
  }

  subscribe(apiKey: string, viaLogon: boolean): number {
    for (const sub of this.subscriptions.values()) if (sub.apiKey === apiKey) throw subscriptionActive();
    const id = this.nextSubscriptionId++;
    this.subscriptions.set(id, { apiKey, viaLogon });
    return id;
  }

  /** Ends a subscription; Binance tells the listener with eventStreamTerminated. */
  terminate(id: number): void {
    this.connection.send(JSON.stringify({ subscriptionId: id, event: { e: 'eventStreamTerminated', E: this.deps.serverTime() } }));
    this.subscriptions.delete(id);
  }

  status() {
    return {
      apiKey: this.logon?.apiKey ?? null,
      authorizedSince: this.logon?.since ?? null,
      connectedSince: this.connectedSince,
      returnRateLimits: this.returnRateLimits,
      serverTime: this.deps.serverTime(),
      userDataStream: this.subscriptions.size > 0,
    };
  }

  private rateLimits(count: number) {
    return [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: this.deps.weights.limit, count }];
  }

  /** `count`: the weight used, for rateLimits; false: without rateLimits. */
  private reply(answer: object, count: number | false): void {
    this.connection.send(JSON.stringify(count === false ? answer : { ...answer, rateLimits: this.rateLimits(count) }));
  }
}
