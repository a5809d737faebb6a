/** The fields a patch really changes, with before and after, for the audit trail. */
export function changedFields(
  current: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(patch)) {
    if (to === undefined) continue;
    const from = current[key] ?? null;
    if (from !== to) changes[key] = { from, to };
  }
  return changes;
}

/** The keys a client sent: undefined means "leave as it is", null means "clear". */
export function sentFields<T extends Record<string, unknown>>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}
