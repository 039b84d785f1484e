// SIGNED endpoint security: API key lookup, signature over totalParams, timing.
import * as crypto from 'crypto';
import { errors } from './errors';
import { Params } from './params';

export type Verifier = (payload: string, signature: string) => boolean;
export type KeyType = 'hmac' | 'rsa' | 'ed25519';

/** The kind of key an account's requests are signed with: HMAC when it has no public key. */
export function keyTypeOf(publicKeyPem: string | undefined): KeyType {
  if (!publicKeyPem) return 'hmac';
  const type = crypto.createPublicKey(publicKeyPem).asymmetricKeyType;
  if (type !== 'ed25519' && type !== 'rsa') throw new Error(`unsupported public key type: ${type}`);
  return type;
}

/** HMAC-SHA256 hex with a secret, or Ed25519 / RSA (PKCS#1 v1.5, SHA-256) base64 with a public key. */
export function createVerifier(apiSecret: string | undefined, publicKeyPem: string | undefined): Verifier {
  if (publicKeyPem) {
    const type = keyTypeOf(publicKeyPem);
    const key = crypto.createPublicKey(publicKeyPem);
    return (payload, signature) => {
      // base64 never contains spaces: a '+' sent without percent-encoding was decoded to one.
      const bytes = Buffer.from(signature.replace(/ /g, '+'), 'base64');
      try {
        return crypto.verify(type === 'ed25519' ? null : 'sha256', Buffer.from(payload), key, bytes);
      } catch {
        return false;
      }
    };
  }
  if (!apiSecret) throw new Error('an account needs apiSecret or publicKeyPem');
  return (payload, signature) => {
    const expected = crypto.createHmac('sha256', apiSecret).update(payload).digest('hex');
    const given = signature.toLowerCase();
    return given.length === expected.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  };
}

/** The query string directly followed by the body, as received, minus the `signature` pair. */
export function signaturePayload(rawQuery: string, rawBody: string): string {
  const strip = (raw: string) =>
    raw
      .split('&')
      .filter((part) => part !== '' && part.split('=')[0] !== 'signature')
      .join('&');
  return strip(rawQuery) + strip(rawBody);
}

/** Binance keys are 64 alphanumerics; the simulator's own are shorter, but never hold spaces or other text. */
const API_KEY_SYNTAX = /^[A-Za-z0-9\-_.~+/=]{1,256}$/;
const RECV_WINDOW_SYNTAX = /^[0-9]{1,20}(\.[0-9]{1,3})?$/;
const MAX_RECV_WINDOW = 60000;

/**
 * Timing security, the same for the REST and the WebSocket API: recvWindow in
 * ms with up to three decimals, at most 60000 and 5000 when not sent (nothing
 * forbids 0); the timestamp less than a second ahead of the server and no
 * older than recvWindow.
 */
export function checkTiming(timestamp: number, recvWindow: string | undefined, serverTime: number): void {
  let window = 5000;
  if (recvWindow !== undefined) {
    if (!RECV_WINDOW_SYNTAX.test(recvWindow)) throw errors.illegalChars('recvWindow', '^[0-9]{1,20}(\\.[0-9]{1,3})?$');
    window = Number(recvWindow);
    if (window > MAX_RECV_WINDOW) throw errors.greaterThan('recvWindow', MAX_RECV_WINDOW);
  }
  if (timestamp >= serverTime + 1000) throw errors.timestampAhead();
  if (serverTime - timestamp > window) throw errors.timestampOutside();
}

export interface SignedRequest {
  apiKey: string | undefined;
  params: Params;
  rawQuery: string;
  rawBody: string;
}

export function authenticate<A extends { verify: Verifier }>(
  request: SignedRequest,
  lookup: (apiKey: string) => A | undefined,
  serverTime: number,
): A {
  if (request.apiKey && !API_KEY_SYNTAX.test(request.apiKey)) throw errors.badApiKeyFormat();
  const account = request.apiKey ? lookup(request.apiKey) : undefined;
  if (!account) throw errors.rejectedKey();
  const { params } = request;
  const signature = params.required('signature');
  const timestamp = params.time('timestamp');
  if (timestamp === undefined) throw errors.mandatory('timestamp');
  checkTiming(timestamp, params.optional('recvWindow'), serverTime);
  if (!account.verify(signaturePayload(request.rawQuery, request.rawBody), signature)) throw errors.badSignature();
  return account;
}
