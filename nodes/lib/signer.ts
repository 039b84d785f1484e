import crypto from 'crypto';
import { badCredentials } from './errors';

export type Signer = (payload: string) => string;

/**
 * Editors' single-line password inputs drop the line breaks of a pasted PEM;
 * re-wrapping the base64 body makes such a key readable again.
 */
export function normalisePem(text: string): string {
  const match = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(text.trim());
  if (!match) return text.trim();
  const label = match[1];
  const body = match[2].replace(/\s+/g, '');
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * HMAC-SHA256 (hex) with the secret, or Ed25519 / RSA (base64) with a private
 * key, over the exact query string that is sent, as Binance specifies.
 */
export function createSigner(apiSecret: string, privateKeyPem?: string, passphrase?: string): Signer {
  if (!privateKeyPem) {
    return (payload) => crypto.createHmac('sha256', apiSecret).update(payload).digest('hex');
  }
  let key: crypto.KeyObject;
  try {
    key = crypto.createPrivateKey({ key: normalisePem(privateKeyPem), passphrase: passphrase || undefined });
  } catch {
    throw badCredentials('credentials.privateKeyUnreadable');
  }
  switch (key.asymmetricKeyType) {
    case 'ed25519':
      return (payload) => crypto.sign(null, Buffer.from(payload), key).toString('base64');
    case 'rsa':
      return (payload) => crypto.sign('RSA-SHA256', Buffer.from(payload), key).toString('base64');
    default:
      throw badCredentials('credentials.privateKeyType');
  }
}
