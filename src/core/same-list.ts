/**
 * Whether two lists hold the same values in the same order.
 *
 * @example
 * ```ts
 * sameList(["a", "b"], ["a", "b"]); // true
 * sameList(["a", "b"], ["b", "a"]); // false
 * ```
 */
export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
