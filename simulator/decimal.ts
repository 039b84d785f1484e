// Exact decimal arithmetic for amounts: a value is a bigint counting 1e-8 units,
// the precision Binance uses for spot prices, quantities and balances, so sums
// and comparisons never pick up binary floating-point error.

export type Dec = bigint;

const PLACES = 8;
export const ONE: Dec = 100000000n;

const DECIMAL_SYNTAX = /^([0-9]{1,20})(\.[0-9]{1,20})?$/;

export type ParseResult = { ok: true; value: Dec } | { ok: false; reason: 'format' | 'precision' };

/** Parses an unsigned decimal string the way Binance accepts DECIMAL parameters. */
export function parse(text: string): ParseResult {
  const m = DECIMAL_SYNTAX.exec(text);
  if (!m) return { ok: false, reason: 'format' };
  const fraction = (m[2] ?? '').slice(1).replace(/0+$/, '');
  if (fraction.length > PLACES) return { ok: false, reason: 'precision' };
  return { ok: true, value: BigInt(m[1]) * ONE + BigInt(fraction.padEnd(PLACES, '0') || '0') };
}

/** For decimal literals written in the simulator's own source. */
export function dec(text: string): Dec {
  const r = parse(text);
  if (!r.ok) throw new RangeError(`not a decimal: ${text}`);
  return r.value;
}

/** Formats with a fixed number of decimals (truncating extra places), e.g. "10000.00000000". */
export function format(value: Dec, places = PLACES): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / ONE;
  const fraction = (abs % ONE).toString().padStart(PLACES, '0').slice(0, places);
  const text = places > 0 ? `${whole}.${fraction}` : `${whole}`;
  return negative && /[1-9]/.test(text) ? `-${text}` : text;
}

export function mulTrunc(a: Dec, b: Dec): Dec {
  return (a * b) / ONE;
}

export function mulCeil(a: Dec, b: Dec): Dec {
  const p = a * b;
  return p % ONE === 0n ? p / ONE : p / ONE + 1n;
}

/** a*b compared at full precision: the exact product in 1e-16 units. */
export function mulExact(a: Dec, b: Dec): bigint {
  return a * b;
}

export function divTrunc(a: Dec, b: Dec): Dec {
  return (a * ONE) / b;
}

export function floorToStep(value: Dec, step: Dec): Dec {
  return step === 0n ? value : value - (value % step);
}

export function ceilToStep(value: Dec, step: Dec): Dec {
  if (step === 0n || value % step === 0n) return value;
  return value - (value % step) + step;
}

export function roundToStep(value: Dec, step: Dec): Dec {
  if (step === 0n) return value;
  const rest = value % step;
  return rest * 2n >= step ? value - rest + step : value - rest;
}

export function isMultiple(value: Dec, step: Dec): boolean {
  return step === 0n || value % step === 0n;
}

export function min(a: Dec, b: Dec): Dec {
  return a < b ? a : b;
}

export function max(a: Dec, b: Dec): Dec {
  return a > b ? a : b;
}

/**
 * Scales an amount by a float ratio. Only the synthetic history uses this: the
 * ratio comes from a smooth curve, the amount itself stays exact.
 */
export function scale(value: Dec, ratio: number): Dec {
  return (value * BigInt(Math.round(ratio * 1e9))) / 1000000000n;
}
