import { v7 as uuidv7, validate, version } from 'uuid';

/** Time-ordered UUIDs: unguessable across tenants, and friendly to B-tree indexes. */
export function newId(): string {
  return uuidv7();
}

export function isUuid(value: string): boolean {
  return validate(value) && version(value) >= 1;
}
