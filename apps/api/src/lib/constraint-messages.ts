/**
 * Human messages for unique constraints, keyed by constraint (index) name, so a 23505 becomes a
 * 409 that names what clashed. Modules add their own entries next to their schema.
 */
const messages = new Map<string, { field: string; message: string }>();

export function registerConstraintMessages(entries: Record<string, { field: string; message: string }>): void {
  for (const [name, value] of Object.entries(entries)) messages.set(name, value);
}

export function constraintMessage(name: string | undefined): { field: string; message: string } | undefined {
  return name ? messages.get(name) : undefined;
}

registerConstraintMessages({
  organizations_name_lower_uq: { field: 'name', message: 'An organisation with this name already exists' },
  users_email_lower_uq: { field: 'email', message: 'A user with this email already exists' },
});
