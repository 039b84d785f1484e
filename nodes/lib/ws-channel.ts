import { asNodeError, BinanceNodeError } from './errors';
import { Link, type Frame } from './ws-link';

/** Timings of every stream connection; tests shorten them instead of waiting. */
export interface StreamTuning {
  /** Reconnect back-off: the first delay, and the cap it grows to. */
  backoffMinMs: number;
  backoffMaxMs: number;
  /** A connection that sends nothing (not even a ping) this long is dead. */
  silenceMs: number;
  /** Binance cuts every connection at 24 h; a new one takes over before that. */
  renewAfterMs: number;
  /** How long the old connection may take to prove it has delivered everything before the handover. */
  handoverTimeoutMs: number;
  /** An unused market connection stays this long, so a redeploy does not reconnect. */
  lingerMs: number;
  /** An answer to a request (subscribe, sign in) must come within this. */
  requestTimeoutMs: number;
}

export const streamTuning: StreamTuning = {
  backoffMinMs: 1000,
  backoffMaxMs: 60_000,
  silenceMs: 30_000,
  renewAfterMs: 23 * 3600_000,
  handoverTimeoutMs: 5000,
  lingerMs: 1000,
  requestTimeoutMs: 10_000,
};

export type ChannelState = 'connecting' | 'connected' | 'reconnecting';

export interface ChannelOwner {
  url(): string;
  /** Makes a freshly opened link carry everything (subscribe, sign in); it serves once this resolves. */
  prepare(link: Link): Promise<void>;
  frame(link: Link, frame: Frame, text: string): void;
  /** A request whose answer comes after every frame the link sent before it. */
  barrier(link: Link): Promise<unknown>;
  /** `error` comes once per outage (and again only if the reason changes), never once per retry. */
  changed(state: ChannelState, error?: BinanceNodeError): void;
  /** A link has just taken over: after the first connection, a reconnect or a renewal. */
  ready?(link: Link): void;
}

/** Exponential back-off with jitter: half the step fixed, half random, between the bounds. */
export function backoffDelay(attempt: number, tuning: Pick<StreamTuning, 'backoffMinMs' | 'backoffMaxMs'> = streamTuning): number {
  const step = Math.min(tuning.backoffMaxMs, tuning.backoffMinMs * 2 ** Math.min(attempt, 30));
  return Math.max(tuning.backoffMinMs, step / 2 + (Math.random() * step) / 2);
}

/**
 * A connection that stays up: it reconnects after a drop or silence with
 * back-off, and renews itself before Binance's 24 h cut or after a
 * serverShutdown notice by opening the next link, preparing it, proving that
 * the old one has delivered everything, and only then closing the old one.
 * While two links run, events that both deliver pass once.
 */
export class Channel {
  private current: Link | undefined;
  private next: Link | undefined;
  private readonly retired = new Set<Link>();
  private readonly seen = new Map<string, Link>();
  private attempt = 0;
  private retry: NodeJS.Timeout | undefined;
  private renewal: NodeJS.Timeout | undefined;
  private outage: string | undefined;
  private stopped = false;

  constructor(private readonly owner: ChannelOwner, private readonly server: string) {}

  start(): void {
    this.open();
  }

  /** The links that take subscriptions: the serving one and the one being prepared. */
  get links(): Link[] {
    return [this.current, this.next].filter((l): l is Link => l !== undefined && !l.ended);
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** The server will close `link` soon: hand over to a new one now. */
  shutdownNotice(link: Link): void {
    link.doomed = true;
    if (link === this.current) this.renew();
  }

  /**
   * Whether a frame from `link` is to be delivered: the link being prepared
   * stays quiet while an old one still serves, and while two links run
   * (from the moment the next one opens until the old one is closed) a frame
   * both carry (same key) passes only once, whichever comes first.
   */
  accepts(link: Link, key: () => string): boolean {
    const quiet = link !== this.current && !this.retired.has(link) && (link !== this.next || this.current !== undefined);
    if (!this.overlapping) return !quiet;
    const k = key();
    const other = this.seen.get(k);
    if (other && other !== link) {
      this.seen.delete(k);
      return false;
    }
    if (quiet) return false;
    this.seen.set(k, link);
    return true;
  }

  private get overlapping(): boolean {
    return this.retired.size > 0 || (this.next !== undefined && this.current !== undefined);
  }

  close(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.renewal) clearTimeout(this.renewal);
    for (const link of [this.current, this.next, ...this.retired]) link?.close();
    this.current = this.next = undefined;
    this.retired.clear();
    this.seen.clear();
  }

  private renew(): void {
    if (this.stopped || this.next || !this.current) return;
    this.open();
  }

  private open(): void {
    if (this.stopped) return;
    let link: Link;
    try {
      link = this.connect();
    } catch {
      // A URL the WebSocket client refuses outright: an outage like any other, retried with back-off.
      this.down(new BinanceNodeError('ErrNetwork', 'stream.lost', { server: this.server, reason: { key: 'common.errors.stream.reasons.failed' } }));
      this.later(() => this.open());
      return;
    }
    this.next = link;
  }

  private connect(): Link {
    return new Link(this.owner.url(), {
      silenceMs: streamTuning.silenceMs,
      requestTimeoutMs: streamTuning.requestTimeoutMs,
      server: this.server,
    }, {
      open: (l) => this.prepare(l),
      frame: (l, frame, text) => this.owner.frame(l, frame, text),
      lost: (l, reason) => this.lost(l, reason),
    });
  }

  private prepare(link: Link): void {
    this.owner.prepare(link).then(
      () => { if (!link.ended && link === this.next) this.promote(link); },
      (err: unknown) => link.fail(asNodeError(err)),
    );
  }

  private promote(link: Link): void {
    const old = this.current;
    this.current = link;
    this.next = undefined;
    this.attempt = 0;
    if (this.retry) clearTimeout(this.retry);
    if (this.renewal) clearTimeout(this.renewal);
    this.renewal = setTimeout(() => this.renew(), streamTuning.renewAfterMs);
    this.renewal.unref();
    if (old) this.handOver(old, link);
    this.outage = undefined;
    this.owner.changed('connected');
    this.owner.ready?.(link);
    if (link.doomed) this.renew();
  }

  /**
   * The old link goes once it has answered a request (so it has delivered
   * everything sent before) and then the new one has too (so the new one has
   * delivered its copies of those events, which the old one may have been
   * quicker to bring): until then a frame both carry passes once.
   */
  private handOver(old: Link, next: Link): void {
    this.retired.add(old);
    const retire = () => {
      clearTimeout(timer);
      old.close();
      this.forget(old);
    };
    const timer = setTimeout(retire, streamTuning.handoverTimeoutMs);
    timer.unref();
    this.owner.barrier(old).then(() => this.owner.barrier(next)).then(retire, retire);
  }

  private forget(link: Link): void {
    this.retired.delete(link);
    if (!this.overlapping) this.seen.clear();
  }

  private lost(link: Link, reason: BinanceNodeError): void {
    if (this.stopped) return;
    if (this.retired.has(link)) {
      this.forget(link);
      return;
    }
    if (link === this.next) {
      this.next = undefined;
      if (!this.overlapping) this.seen.clear();
      // A failed renewal while the old link still serves is no outage: try again later.
      if (this.current) this.later(() => this.renew());
      else {
        this.down(reason);
        this.later(() => this.open());
      }
      return;
    }
    if (link === this.current) {
      this.current = undefined;
      if (this.renewal) clearTimeout(this.renewal);
      this.down(reason);
      if (!this.next) this.later(() => this.open());
    }
  }

  private down(reason: BinanceNodeError): void {
    const fresh = this.outage !== reason.code;
    this.outage = reason.code;
    this.owner.changed('reconnecting', fresh ? reason : undefined);
  }

  private later(run: () => void): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = setTimeout(run, backoffDelay(this.attempt++));
    this.retry.unref();
  }
}
