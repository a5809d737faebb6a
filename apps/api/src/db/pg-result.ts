import pg from 'pg';

/**
 * `pg`'s `Result.addFields` (pg 8.x), which runs for every answer that has rows (a named
 * statement's portal is described on every execute), builds the answer's empty row as a
 * null-prototype object and copies it with a spread: a null-prototype object is a dictionary to
 * V8, and copying one of some 40 columns (a voucher's settings with its party) cost ten times a
 * plain object's, about 12 µs an answer, 3-4 % of the API's CPU per voucher (bench/README.md,
 * voucher-limit). This does the same with a plain object: the same own keys in the same order,
 * every value null, Object.prototype as its prototype (what the spread gave), the same
 * `fields` and `_parsers`. A column named `__proto__` (a plain object would take it as its
 * prototype) goes to pg's own code. `pg-result.test.ts` holds the two to each other.
 */

interface FieldDescription {
  name: string;
  dataTypeID: number;
  format?: string;
}

interface TypeParsers {
  getTypeParser(oid: number, format: string): (value: string) => unknown;
}

interface PgResult {
  fields: FieldDescription[];
  _parsers: ((value: string) => unknown)[] | undefined;
  _types: TypeParsers | undefined;
  _prebuiltEmptyResultObject: Record<string, null> | null;
  addFields(fieldDescriptions: FieldDescription[]): void;
}

type AddFields = (this: PgResult, fieldDescriptions: FieldDescription[]) => void;

const ResultClass = (pg as unknown as { Result: { prototype: PgResult } }).Result;

/** pg's own `addFields`, kept for the `__proto__` case and for the test. */
export const pgAddFields: AddFields = ResultClass.prototype.addFields;

export const plainAddFields: AddFields = function addFields(this: PgResult, fieldDescriptions: FieldDescription[]): void {
  const count = fieldDescriptions.length;
  for (let i = 0; i < count; i++) {
    if (fieldDescriptions[i]!.name === '__proto__') return pgAddFields.call(this, fieldDescriptions);
  }
  this.fields = fieldDescriptions;
  if (count) this._parsers = new Array<(value: string) => unknown>(count);
  const types: TypeParsers = this._types ?? (pg.types as unknown as TypeParsers);
  const row: Record<string, null> = {};
  for (let i = 0; i < count; i++) {
    const desc = fieldDescriptions[i]!;
    row[desc.name] = null;
    this._parsers![i] = types.getTypeParser(desc.dataTypeID, desc.format || 'text');
  }
  this._prebuiltEmptyResultObject = row;
};

let installed = false;

/** Installs `plainAddFields` on pg's Result (once; db/client.ts does it when loaded). */
export function installPlainAddFields(): void {
  if (installed) return;
  installed = true;
  ResultClass.prototype.addFields = plainAddFields;
}
