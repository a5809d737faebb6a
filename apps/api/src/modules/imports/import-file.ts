import { isOpeningImportKind, type Camelized, type ImportKind, type ImportReport, type importRequestSchema } from '@tritiq/contracts';
import type { z } from 'zod';
import type { Actor } from '../../lib/actor';
import { runImport, type ImportDeps, type ImportProgress } from './run-import';
import { runOpeningImport } from './run-opening-import';

export const noImportProgress: ImportProgress = { stage() {}, update() {} };

/**
 * Any kind of import, as `POST /imports/:kind` and `npm run import` both run it: masters through
 * `runImport`, openings through `runOpeningImport` (README "Import").
 */
export function importFile(
  deps: ImportDeps,
  actor: Actor,
  kind: ImportKind,
  input: Camelized<z.output<typeof importRequestSchema>>,
  progress: ImportProgress = noImportProgress,
): Promise<Camelized<ImportReport>> {
  return isOpeningImportKind(kind) ? runOpeningImport(deps, actor, kind, input, progress) : runImport(deps, actor, kind, input, progress);
}
