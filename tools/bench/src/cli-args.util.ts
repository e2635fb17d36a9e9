/** A benchmark flag that must be a whole number of at least 1; a bad one stops the run with a one-line reason. */
export function positiveInteger(
  name: string,
  value: string | undefined,
): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${name} must be a positive integer, got '${value}'`);
  return n;
}
