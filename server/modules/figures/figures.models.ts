import { SUPPRESSED } from '../../contracts/figures.ts';

/**
 * Small numbers stay hidden: a count under five is "<5", and so is any figure from which such a
 * count could be worked back. A share is shown only when both its part and the rest are at least
 * five (else part = share × whole, or whole − part, gives the small count); a mean or a median
 * only over at least five.
 */
export const MIN = 5;
export type Shown = number | typeof SUPPRESSED;

export const count = (n: number): Shown => (n < MIN ? SUPPRESSED : n);

export function share(part: number, whole: number): Shown {
  if (part < MIN || whole - part < MIN) return SUPPRESSED;
  return Math.round((part / whole) * 100);
}

export function mean(values: readonly number[]): Shown {
  if (values.length < MIN) return SUPPRESSED;
  return Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
}

export function median(values: readonly number[]): Shown {
  if (values.length < MIN) return SUPPRESSED;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : Math.round(((sorted[mid - 1]! + sorted[mid]!) / 2) * 10) / 10;
}
