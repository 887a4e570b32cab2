// Lookup tables keyed by words people type. A plain object literal inherits "constructor", "toString",
// "__proto__" and friends from Object.prototype, so `table[word]` would hand a function or an object to code
// that expects a number ("constructor" read as a week's count, "1 constructor" as a channel, "plan:
// constructor 8 …" as a weekday). A table with no prototype answers undefined for every word it does not hold.
export function wordTable<V>(entries: Record<string, V> = {}): Record<string, V> {
  return Object.assign(Object.create(null) as Record<string, V>, entries);
}
