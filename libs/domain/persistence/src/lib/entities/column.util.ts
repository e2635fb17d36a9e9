import type { ValueTransformer } from 'typeorm';

/**
 * pg returns bigint as a string (it may exceed 2^53). Our counters (bytes,
 * sizes) stay far below Number.MAX_SAFE_INTEGER (8 PiB), so map to number.
 */
export const BIGINT_AS_NUMBER: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) =>
    value === null ? null : Number(value),
};

/** A CHECK expression restricting a text column to a closed vocabulary. */
export function checkIn(column: string, values: readonly string[]): string {
  return `"${column}" IN (${values.map((v) => `'${v}'`).join(', ')})`;
}

/** A CHECK expression restricting every element of a text[] column. */
export function checkAllIn(column: string, values: readonly string[]): string {
  return `"${column}" <@ ARRAY[${values.map((v) => `'${v}'`).join(', ')}]::text[]`;
}
