import type { IncomingHttpHeaders } from 'http';
import { Pool, util } from 'undici';

/**
 * HTTP for one client: its own kept-alive connection pool (undici: about a
 * third less time per request than Node's http client), one total deadline
 * per request (queueing, connecting, headers and body together), and an
 * answer that is handed on only when it arrived complete. Knows nothing of
 * Binance: it moves bytes and says how far a failed request got.
 */

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
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
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path and query string, appended to the base URL. */
  path: string;
  headers: Record<string, string>;
  /** Total time allowed, in ms. */
  deadlineMs: number;
}

/** No Binance answer comes near this; a body that does is not one. */
const MAX_BODY = 64 * 1024 * 1024;
const MAX_CONNECTIONS = 32;
/** Idle connections close before a server's usual 5 s keep-alive timeout (undici also honours a Keep-Alive: timeout hint). */
const IDLE_MS = 4000;

function errorCode(err: unknown): string {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | undefined;
  // undici names a closed socket UND_ERR_SOCKET; the system's reason, when there is one, says more.
  const code = e?.code === 'UND_ERR_SOCKET' && typeof e.cause?.code === 'string' ? e.cause.code : e?.code;
  return typeof code === 'string' ? code : 'error';
}

export class Transport {
  private pool: Pool | undefined;
  private readonly origin: string;
  private readonly basePath: string;

  constructor(baseUrl: string) {
    const url = new URL(baseUrl);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
  }

  /** Made on first use: a session that never sends anything costs no pool. */
  private connections(): Pool {
    this.pool ??= new Pool(this.origin, { connections: MAX_CONNECTIONS, keepAliveTimeout: IDLE_MS, keepAliveMaxTimeout: IDLE_MS });
    return this.pool;
  }

  request(req: HttpRequest): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      let sent = false;
      let settled = false;
      let status: number | undefined;
      let headers: IncomingHttpHeaders = {};
      let abort: ((err?: Error) => void) | undefined;
      const chunks: Buffer[] = [];
      let size = 0;

      const fail = (kind: FailureKind, reason: string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        abort?.();
        reject(new TransportFailure(kind, sent, reason, status));
      };
      const timer = setTimeout(() => fail('timeout', 'timeout'), req.deadlineMs);

      this.connections().dispatch({
        path: this.basePath + req.path,
        method: req.method,
        headers: req.headers,
        headersTimeout: req.deadlineMs,
        bodyTimeout: req.deadlineMs,
      }, {
        // Called with a connected socket, just before the request is written to it.
        onConnect(abortRequest: (err?: Error) => void) {
          abort = abortRequest;
          if (settled) abortRequest();
          else sent = true;
        },
        onHeaders(statusCode: number, rawHeaders: Buffer[]) {
          if (statusCode < 200) return true;
          status = statusCode;
          headers = util.parseHeaders(rawHeaders) as IncomingHttpHeaders;
          return true;
        },
        onData(chunk: Buffer) {
          size += chunk.length;
          if (size > MAX_BODY) fail('broken', 'too large');
          else chunks.push(chunk);
          return true;
        },
        onComplete() {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ status: status ?? 0, headers, body: Buffer.concat(chunks, size).toString('utf8') });
        },
        onError(err: Error) {
          fail(status === undefined ? 'network' : 'broken', errorCode(err));
        },
      });
    });
  }

  close(): void {
    this.pool?.destroy().catch(() => undefined);
    this.pool = undefined;
  }
}
