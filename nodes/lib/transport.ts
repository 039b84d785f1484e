import http from 'http';
import https from 'https';

/**
 * HTTP for one client: its own kept-alive connection pool, one total deadline
 * per request (queueing, connecting, headers and body together), and an
 * answer that is handed on only when it arrived complete. Knows nothing of
 * Binance: it moves bytes and says how far a failed request got.
 */

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * timeout: the deadline passed; network: the connection failed before an
 * answer began; broken: the answer began but did not arrive whole.
 */
export type FailureKind = 'timeout' | 'network' | 'broken';

/** Carries no URL, header or body: those may hold a key or a signed query. */
export class TransportFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    /** False only when the request certainly never left this machine. */
    readonly sent: boolean,
    /** A system error code (ECONNREFUSED, ...) or the kind itself. */
    readonly reason: string,
    /** The status line, when the answer got that far. */
    readonly status?: number,
  ) {
    super(reason);
  }
}

export interface HttpRequest {
  method: string;
  /** Path and query string, appended to the base URL. */
  path: string;
  headers: Record<string, string>;
  /** Total time allowed, in ms. */
  deadlineMs: number;
}

/** No Binance answer comes near this; a body that does is not one. */
const MAX_BODY = 64 * 1024 * 1024;
/** Free sockets close before a server's usual 5 s keep-alive timeout, so that a request never goes out on a socket the server is closing. */
const FREE_SOCKET_MS = 4000;
const MAX_SOCKETS = 32;

export class Transport {
  private readonly agent: http.Agent;
  private readonly send: typeof http.request;
  private readonly hostname: string;
  private readonly port: number | undefined;
  private readonly basePath: string;
  private readonly tls: boolean;

  constructor(baseUrl: string) {
    const url = new URL(baseUrl);
    this.tls = url.protocol === 'https:';
    const options = { keepAlive: true, maxSockets: MAX_SOCKETS, timeout: FREE_SOCKET_MS, scheduling: 'lifo' as const };
    this.agent = this.tls ? new https.Agent(options) : new http.Agent(options);
    this.send = this.tls ? https.request : http.request;
    this.hostname = url.hostname.replace(/^\[|\]$/g, '');
    this.port = url.port ? Number(url.port) : undefined;
    this.basePath = url.pathname.replace(/\/+$/, '');
  }

  request(req: HttpRequest): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      let sent = false;
      let status: number | undefined;
      let settled = false;
      const finish = (failure: TransportFailure | undefined, answer?: HttpAnswer): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (failure) {
          outgoing.destroy();
          reject(failure);
        } else {
          resolve(answer as HttpAnswer);
        }
      };
      const fail = (kind: FailureKind, reason: string): void => finish(new TransportFailure(kind, sent, reason, status));

      const outgoing = this.send({
        hostname: this.hostname,
        port: this.port,
        path: this.basePath + req.path,
        method: req.method,
        headers: req.headers,
        agent: this.agent,
      });
      const timer = setTimeout(() => fail('timeout', 'timeout'), req.deadlineMs);

      outgoing.once('socket', (socket) => {
        // A reused socket is connected already: the request goes out at once.
        if (outgoing.reusedSocket) sent = true;
        else socket.once(this.tls ? 'secureConnect' : 'connect', () => { sent = true; });
      });
      outgoing.once('error', (err: NodeJS.ErrnoException) => {
        fail(status === undefined ? 'network' : 'broken', err.code ?? 'error');
      });
      outgoing.once('response', (res) => {
        status = res.statusCode ?? 0;
        res.setEncoding('utf8');
        let body = '';
        res.on('data', (chunk: string) => {
          body += chunk;
          if (body.length > MAX_BODY) fail('broken', 'too large');
        });
        res.once('error', () => fail('broken', 'incomplete'));
        res.once('end', () => {
          if (!res.complete) fail('broken', 'incomplete');
          else finish(undefined, { status: status as number, headers: res.headers, body });
        });
        res.once('close', () => { if (!res.complete) fail('broken', 'incomplete'); });
      });
      outgoing.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
