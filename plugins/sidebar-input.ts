import { Refusal } from './sidebar-refusal';

// Binance's asset names: capitals and digits (1INCH, USDT). Lower case is taken as meant.
const ASSET = /^[A-Z0-9]{1,20}$/;
// The simulator's own decimal syntax: no exponent, no sign, at most 8 places that count.
const DECIMAL = /^([0-9]{1,20})(?:\.([0-9]{1,20}))?$/;
const MAX_PLACES = 8;
const DEFAULT_FILLS = 20;
const MAX_FILLS = 500;

export function parseAsset(value: unknown): string {
  const asset = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (!ASSET.test(asset)) throw new Refusal(400, 'invalid_asset', 'errors.invalidAsset');
  return asset;
}

/** A positive plain decimal, as a string; a JSON number only where its text is one (not 1e-7). */
export function parseAmount(value: unknown): string {
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
  const m = DECIMAL.exec(text);
  const places = (m?.[2] ?? '').replace(/0+$/, '').length;
  if (!m || places > MAX_PLACES || !/[1-9]/.test(text)) throw new Refusal(400, 'invalid_amount', 'errors.invalidAmount');
  return text;
}

/** How many recent fills: a whole number from 1 to 500, 20 when not given. */
export function parseLimit(value: unknown): number {
  if (value === undefined || value === '') return DEFAULT_FILLS;
  const n = typeof value === 'string' && /^[0-9]{1,4}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= MAX_FILLS)) throw new Refusal(400, 'invalid_limit', 'errors.invalidLimit');
  return n;
}
