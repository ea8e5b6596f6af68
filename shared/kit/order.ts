/**
 * Entries in declaration order, each declared `after` another moved right behind it (a table's columns: the
 * third countries beside the vendors). An entry whose anchor is missing keeps its place at the end.
 */
export function orderByAfter<T extends { id: string; after?: string }>(entries: readonly T[]): T[] {
  const ordered = entries.filter((e) => !e.after);
  for (let moved = true, rounds = 0; moved && rounds < 10; rounds++) {
    moved = false;
    for (const e of entries) {
      if (!e.after || ordered.includes(e)) continue;
      const at = ordered.findIndex((o) => o.id === e.after);
      if (at < 0) continue;
      ordered.splice(at + 1, 0, e);
      moved = true;
    }
  }
  for (const e of entries) if (!ordered.includes(e)) ordered.push(e);
  return ordered;
}
