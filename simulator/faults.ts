// Injected faults, for testing clients against what a real network and the
// gateways in front of Binance do: answers that break off, stall or trickle,
// 200s that are not Binance's answer, and error pages that echo the request.
import * as http from 'http';

export type FaultKind =
  /** The status line, headers and half the body, then a reset. */
  | 'halfBodyReset'
  /** The status line and headers, then nothing. */
  | 'headersThenStall'
  /** The answer one byte at a time, `intervalMs` apart. */
  | 'trickle'
  /** 200 with `body` (default: a JSON string) instead of the answer. */
  | 'malformed'
  /** A reset, no answer at all. */
  | 'reset'
  /** The request reaches the engine, or its answer leaves, `ms` late. */
  | 'late'
  /** 400 with Binance's error JSON whose message echoes the signed query and the key header. */
  | 'echoQuery'
  /** A proxy's 502 HTML page echoing the request line and the key header. */
  | 'htmlGateway'
  /** A gateway's 503 plain text echoing the request line and the key header. */
  | 'textGateway';

export interface FaultSpec {
  kind: FaultKind;
  method?: string;
  path?: string;
  /**
   * afterHandling (default): the request is handled (an order is placed) and
   * its answer spoiled; beforeHandling: it never reaches the engine.
   */
  when?: 'beforeHandling' | 'afterHandling';
  /** Lets this many matching requests through before it starts. */
  skip?: number;
  /** How many matching requests it spoils; default: every one until cleared. */
  times?: number;
  /** malformed: the body sent with 200. */
  body?: string;
  /** trickle: ms between bytes (default 100). */
  intervalMs?: number;
  /** late: the delay. */
  ms?: number;
}

export interface RealAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Stands in for the answer of a request spoiled before it was handled. */
const STAND_IN: RealAnswer = {
  status: 200,
  headers: { 'Content-Type': 'application/json;charset=UTF-8' },
  body: '{"symbol":"BTCUSDT","orderId":1,"clientOrderId":"never-handled","status":"NEW"}',
};

export class Faults {
  private readonly active: FaultSpec[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  add(spec: FaultSpec): void {
    this.active.push({ ...spec });
  }

  clear(): void {
    this.active.length = 0;
    // clearInterval clears timeouts too.
    for (const timer of this.timers) clearInterval(timer);
    this.timers.clear();
  }

  /** Spoils the stage if a fault applies to it; true when it has taken the stage over. */
  apply(req: http.IncomingMessage, res: http.ServerResponse, stage: 'arrival' | 'answer', proceed: () => void, answer?: RealAnswer): boolean {
    const path = (req.url ?? '/').split('?')[0];
    const fault = this.active.find((f) =>
      (f.method === undefined || f.method === req.method)
      && (f.path === undefined || f.path === path)
      && ((f.when ?? 'afterHandling') === 'beforeHandling') === (stage === 'arrival'));
    if (!fault) return false;
    if (fault.skip) {
      fault.skip--;
      return false;
    }
    if (fault.times !== undefined && --fault.times <= 0) this.active.splice(this.active.indexOf(fault), 1);
    this.spoil(fault, req, res, proceed, answer ?? STAND_IN);
    return true;
  }

  private spoil(fault: FaultSpec, req: http.IncomingMessage, res: http.ServerResponse, proceed: () => void, answer: RealAnswer): void {
    const body = Buffer.from(answer.body);
    const whole = { ...answer.headers, 'Content-Length': String(body.length) };
    const keyHeader = req.headers['x-mbx-apikey'];
    const echo = `${req.method} ${req.url} X-MBX-APIKEY: ${Array.isArray(keyHeader) ? keyHeader[0] : keyHeader ?? ''}`;
    switch (fault.kind) {
      case 'halfBodyReset':
        res.writeHead(answer.status, whole);
        res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.resetAndDestroy());
        return;
      case 'headersThenStall':
        res.writeHead(answer.status, whole);
        res.flushHeaders();
        return;
      case 'trickle': {
        res.writeHead(answer.status, whole);
        let sent = 0;
        const timer = setInterval(() => {
          if (res.destroyed || sent >= body.length) {
            clearInterval(timer);
            this.timers.delete(timer);
            if (!res.destroyed) res.end();
            return;
          }
          res.write(body.subarray(sent, ++sent));
        }, fault.intervalMs ?? 100);
        timer.unref();
        this.timers.add(timer);
        return;
      }
      case 'malformed':
        res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8' });
        res.end(fault.body ?? '"OK"');
        return;
      case 'reset':
        req.socket.resetAndDestroy();
        return;
      case 'late': {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          proceed();
        }, fault.ms ?? 1000);
        timer.unref();
        this.timers.add(timer);
        return;
      }
      case 'echoQuery':
        res.writeHead(400, { 'Content-Type': 'application/json;charset=UTF-8' });
        res.end(JSON.stringify({ code: -1100, msg: `Illegal characters found in a parameter: ${echo}` }));
        return;
      case 'htmlGateway':
        res.writeHead(502, { 'Content-Type': 'text/html' });
        res.end(`<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><p>upstream failed: ${echo}</p><hr><center>nginx</center></body></html>`);
        return;
      case 'textGateway':
        res.writeHead(503, { 'Content-Type': 'text/plain' });
        res.end(`Service unavailable, request was ${echo}`);
        return;
    }
  }
}
