import WebSocket from 'ws';
import { ControlGate } from './control-gate';
import { BinanceNodeError } from './errors';

export type Frame = Record<string, unknown>;

export interface LinkOptions {
  silenceMs: number;
  requestTimeoutMs: number;
  /** The environment and host, as error messages name them. */
  server: string;
}

export interface LinkEvents {
  open(link: Link): void;
  /** A parsed text frame that answers none of this link's requests. */
  frame(link: Link, frame: Frame, text: string): void;
  /** The link failed (drop, silence, refusal); it is already closed. */
  lost(link: Link, reason: BinanceNodeError): void;
}

interface Pending {
  resolve(frame: Frame): void;
  reject(error: BinanceNodeError): void;
  timer: NodeJS.Timeout;
}

const UNEXPECTED_RESPONSE = /Unexpected server response: (\d+)/;

/**
 * One WebSocket connection: answers pings with their payload, notices
 * silence, paces what it sends through a ControlGate and matches answers to
 * requests by id. It never reconnects; a Channel decides that.
 */
export class Link {
  private readonly socket: WebSocket;
  private readonly gate = new ControlGate();
  private readonly queue: string[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly silence: NodeJS.Timeout;
  private flushTimer: NodeJS.Timeout | undefined;
  private nextId = 1;
  private over = false;
  /** The server announced that it shuts this connection down soon. */
  doomed = false;

  constructor(readonly url: string, private readonly options: LinkOptions, private readonly events: LinkEvents) {
    this.silence = setTimeout(() => this.fail(lost(options.server, { key: 'common.errors.stream.reasons.silent', params: { seconds: options.silenceMs / 1000 } })), options.silenceMs);
    this.silence.unref();
    this.socket = new WebSocket(url, { autoPong: false, perMessageDeflate: false, handshakeTimeout: options.requestTimeoutMs });
    this.socket.on('open', () => {
      this.heard();
      if (!this.over) events.open(this);
    });
    this.socket.on('message', (data, isBinary) => {
      this.heard();
      if (isBinary || this.over) return;
      const text = data.toString();
      let frame: unknown;
      try {
        frame = JSON.parse(text);
      } catch {
        return;
      }
      if (!frame || typeof frame !== 'object' || this.settle(frame as Frame)) return;
      events.frame(this, frame as Frame, text);
    });
    this.socket.on('ping', (data) => {
      this.heard();
      if (this.socket.readyState !== WebSocket.OPEN) return;
      this.socket.pong(data);
      this.gate.note();
    });
    this.socket.on('pong', () => this.heard());
    this.socket.on('error', (err: Error & { code?: string }) => {
      const http = UNEXPECTED_RESPONSE.exec(err.message);
      this.fail(lost(options.server, http
        ? { key: 'common.errors.stream.reasons.http', params: { status: http[1] } }
        : err.code ?? { key: 'common.errors.stream.reasons.failed' }));
    });
    this.socket.on('close', (code) => this.fail(lost(options.server, { key: 'common.errors.stream.reasons.closed', params: { code } })));
  }

  get ended(): boolean {
    return this.over;
  }

  /** Sends a request with a fresh id; resolves with the frame that answers it. */
  request(body: object): Promise<Frame> {
    if (this.over) return Promise.reject(lost(this.options.server, { key: 'common.errors.stream.reasons.failed' }));
    const id = this.nextId++;
    return new Promise<Frame>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(lost(this.options.server, { key: 'common.errors.stream.reasons.noAnswer', params: { ms: this.options.requestTimeoutMs } })), this.options.requestTimeoutMs);
      timer.unref();
      this.pending.set(id, { resolve, reject, timer });
      this.send(JSON.stringify({ ...body, id }));
    });
  }

  /** Closes on our own initiative: no `lost` event follows. */
  close(): void {
    if (this.over) return;
    this.end(lost(this.options.server, { key: 'common.errors.stream.reasons.failed' }));
    if (this.socket.readyState === WebSocket.OPEN) this.socket.close(1000);
    else this.socket.terminate();
  }

  /** Ends the link as failed and tells the owner why. */
  fail(reason: BinanceNodeError): void {
    if (this.over) return;
    this.end(reason);
    this.socket.terminate();
    this.events.lost(this, reason);
  }

  private end(reason: BinanceNodeError): void {
    this.over = true;
    clearTimeout(this.silence);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.queue.length = 0;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(reason);
    }
    this.pending.clear();
  }

  private heard(): void {
    if (!this.over) this.silence.refresh();
  }

  private settle(frame: Frame): boolean {
    const id = frame.id;
    if (typeof id !== 'number') return false;
    const p = this.pending.get(id);
    if (!p) return false;
    this.pending.delete(id);
    clearTimeout(p.timer);
    p.resolve(frame);
    return true;
  }

  private send(text: string): void {
    this.queue.push(text);
    this.flush();
  }

  private flush(): void {
    this.flushTimer = undefined;
    while (this.queue.length && !this.over) {
      const wait = this.gate.wait();
      if (wait > 0) {
        this.flushTimer = setTimeout(() => this.flush(), wait);
        this.flushTimer.unref();
        return;
      }
      this.socket.send(this.queue.shift()!);
      this.gate.noteControl();
    }
  }
}

function lost(server: string, reason: string | { key: string; params?: Record<string, string | number> }): BinanceNodeError {
  return new BinanceNodeError('ErrNetwork', 'stream.lost', { server, reason });
}
