import { invalidArg, quote } from './errors';

/**
 * Exact decimal arithmetic on BigInt: prices and quantities never pass
 * through binary floating point on their way to Binance.
 */
export class Decimal {
  private constructor(readonly units: bigint, readonly scale: number) {}

  /** Accepts plain decimal strings only ("0.001", "-2", "10."); see toPlainDecimal for user input. */
  static parse(text: string): Decimal {
    const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
    if (!match || (match[2] === '' && !match[3])) throw invalidArg('input.decimal', { name: 'value', value: quote(text) });
    const fraction = match[3] ?? '';
    return new Decimal(BigInt(`${match[1]}${match[2] || '0'}${fraction}`), fraction.length);
  }

  static fromUnits(units: bigint, scale: number): Decimal {
    return new Decimal(units, scale);
  }

  private rescale(scale: number): bigint {
    return this.units * 10n ** BigInt(scale - this.scale);
  }

  private static align(a: Decimal, b: Decimal): [bigint, bigint, number] {
    const scale = Math.max(a.scale, b.scale);
    return [a.rescale(scale), b.rescale(scale), scale];
  }

  add(other: Decimal): Decimal {
    const [a, b, scale] = Decimal.align(this, other);
    return new Decimal(a + b, scale);
  }

  sub(other: Decimal): Decimal {
    const [a, b, scale] = Decimal.align(this, other);
    return new Decimal(a - b, scale);
  }

  mul(other: Decimal): Decimal {
    return new Decimal(this.units * other.units, this.scale + other.scale);
  }

  /** this / other, truncated toward zero at `scale` decimals. */
  div(other: Decimal, scale: number): Decimal {
    if (other.units === 0n) throw invalidArg('input.divisionByZero');
    const numerator = this.units * 10n ** BigInt(scale + other.scale);
    const denominator = other.units * 10n ** BigInt(this.scale);
    return new Decimal(numerator / denominator, scale);
  }

  cmp(other: Decimal): number {
    const [a, b] = Decimal.align(this, other);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  isZero(): boolean {
    return this.units === 0n;
  }

  isNegative(): boolean {
    return this.units < 0n;
  }

  /** Whether (this - base) is a whole number of steps. */
  isOnStep(base: Decimal, step: Decimal): boolean {
    if (step.isZero()) return true;
    const [offset, s] = Decimal.align(this.sub(base), step);
    return offset % s === 0n;
  }

  /** The nearest value base + k*step at or below this (up = false) or at or above it (up = true). */
  toStep(base: Decimal, step: Decimal, up: boolean): Decimal {
    if (step.isZero()) return this;
    const [offset, s, scale] = Decimal.align(this.sub(base), step);
    let steps = offset / s;
    const exact = steps * s === offset;
    if (!exact && up && offset > 0n) steps += 1n;
    if (!exact && !up && offset < 0n) steps -= 1n;
    return base.add(new Decimal(steps * s, scale));
  }

  /** Plain notation without trailing zeros: "0.0000001", never "1e-7". */
  toString(): string {
    const negative = this.units < 0n;
    let digits = (negative ? -this.units : this.units).toString();
    if (this.scale > 0) {
      digits = digits.padStart(this.scale + 1, '0');
      const whole = digits.slice(0, -this.scale);
      const fraction = digits.slice(-this.scale).replace(/0+$/, '');
      digits = fraction ? `${whole}.${fraction}` : whole;
    }
    return negative && digits !== '0' ? `-${digits}` : digits;
  }
}

/** Binance accepts at most 8 decimals in order parameters. */
const MAX_DECIMALS = 8;

/**
 * User input (a JS number or a string, possibly in exponent notation) as an
 * exact plain decimal string; anything that is not exactly a finite decimal
 * is refused rather than rounded behind the user's back.
 */
export function toPlainDecimal(value: unknown, what: string): string {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalidArg('input.notFinite', { name: what });
    if (Math.abs(value) > Number.MAX_SAFE_INTEGER) throw invalidArg('input.inexact', { name: what });
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    throw invalidArg('input.numberOrText', { name: what });
  }
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?$/.exec(text);
  if (!match || (!match[2] && !match[3])) throw invalidArg('input.decimal', { name: what, value: quote(text) });
  const sign = match[1] === '-' ? '-' : '';
  const intPart = match[2] || '0';
  const fracPart = match[3] ?? '';
  const exponent = Number(match[4] ?? 0);
  const dec = Decimal.parse(`${sign}${intPart}.${fracPart || '0'}`);
  const shifted = exponent >= 0
    ? Decimal.fromUnits(dec.units * 10n ** BigInt(Math.max(0, exponent - dec.scale)), Math.max(0, dec.scale - exponent))
    : Decimal.fromUnits(dec.units, dec.scale - exponent);
  const plain = shifted.toString();
  const decimals = plain.includes('.') ? plain.split('.')[1].length : 0;
  if (decimals > MAX_DECIMALS) throw invalidArg('input.decimalPlaces', { name: what, value: quote(plain), max: MAX_DECIMALS });
  if (plain.replace(/[-.]/g, '').replace(/^0+/, '').length > 20) throw invalidArg('input.decimalTooLarge', { name: what, value: quote(plain) });
  return plain;
}

/** A positive amount: zero and negatives are refused. */
export function toPositiveDecimal(value: unknown, what: string): string {
  const plain = toPlainDecimal(value, what);
  const dec = Decimal.parse(plain);
  if (dec.isNegative() || dec.isZero()) throw invalidArg('input.notPositive', { name: what, value: plain });
  return plain;
}
