import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { z } from 'zod';

/**
 * A backup is one file: the line `TRITIQ-BACKUP 1`, the manifest as one line of JSON, then the
 * database's own dump (pg_dump's custom format, or PGlite's gzipped data-directory tar) to the
 * end. `head -2 file` shows what it is; the checksum covers the dump, so a damaged or truncated
 * copy is refused before anything is restored.
 */
export const BACKUP_MAGIC = 'TRITIQ-BACKUP 1\n';
/** A manifest is small; a file whose second line is longer is not one of ours. */
const MAX_HEADER_BYTES = 64 * 1024;

export const backupManifestSchema = z.object({
  format: z.literal('tritiq-backup'),
  format_version: z.literal(1),
  app_version: z.string(),
  /** Which database made it: `pg` (pg_dump custom format) or `pglite` (data-directory tar, gzip). */
  driver: z.enum(['pg', 'pglite']),
  /** The last migration applied to the database backed up. */
  schema_migration: z.object({ tag: z.string().nullable(), when: z.number(), count: z.number() }),
  created_at: z.string(),
  payload_bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  counts: z.object({ organizations: z.number(), vouchers: z.number(), tables: z.number() }),
});
export type BackupManifest = z.infer<typeof backupManifestSchema>;

/** A backup file that cannot be used, with the reason in words an operator acts on. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export async function sha256OfFile(file: string, start = 0, onBytes?: (bytes: number) => void): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file, { start })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
    onBytes?.(bytes);
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Writes `file` as manifest + the dump in `payloadFile` (which is removed), atomically: a reader never sees half a backup. */
export async function writeBackupFile(file: string, manifest: BackupManifest, payloadFile: string): Promise<number> {
  const partial = `${file}.partial`;
  const out = await open(partial, 'w');
  try {
    await out.write(BACKUP_MAGIC + JSON.stringify(manifest) + '\n');
    const input = await open(payloadFile, 'r');
    try {
      const buf = Buffer.allocUnsafe(1 << 20);
      for (;;) {
        const { bytesRead } = await input.read(buf, 0, buf.length, null);
        if (bytesRead === 0) break;
        await out.write(buf, 0, bytesRead);
      }
    } finally {
      await input.close();
    }
    await out.sync();
  } catch (err) {
    await out.close().catch(() => undefined);
    await rm(partial, { force: true });
    throw err;
  }
  await out.close();
  await rename(partial, file);
  await rm(payloadFile, { force: true });
  return (await stat(file)).size;
}

/** The manifest of a backup file and where its dump starts; refuses anything else with the reason. */
export async function readBackupManifest(file: string): Promise<{ manifest: BackupManifest; payloadOffset: number }> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BackupError(code === 'ENOENT' ? `There is no file ${file}` : `Cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    const head = Buffer.alloc(MAX_HEADER_BYTES);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const text = head.subarray(0, bytesRead);
    if (!text.subarray(0, BACKUP_MAGIC.length).equals(Buffer.from(BACKUP_MAGIC)))
      throw new BackupError(`${file} is not a TRITIQ ERP backup (it does not start with "TRITIQ-BACKUP 1")`);
    const end = text.indexOf(0x0a, BACKUP_MAGIC.length);
    if (end < 0) throw new BackupError(`${file} is damaged: its manifest is incomplete`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.subarray(BACKUP_MAGIC.length, end).toString('utf8'));
    } catch {
      throw new BackupError(`${file} is damaged: its manifest is not valid JSON`);
    }
    const manifest = backupManifestSchema.safeParse(parsed);
    if (!manifest.success) throw new BackupError(`${file} is damaged: its manifest is not one this version can read`);
    return { manifest: manifest.data, payloadOffset: end + 1 };
  } finally {
    await handle.close();
  }
}

/** Checks the dump against the manifest's size and checksum. */
export async function verifyBackupPayload(
  file: string,
  manifest: BackupManifest,
  payloadOffset: number,
  onBytes?: (bytes: number) => void,
): Promise<void> {
  const { sha256, bytes } = await sha256OfFile(file, payloadOffset, onBytes);
  if (bytes !== manifest.payload_bytes)
    throw new BackupError(
      `${file} is damaged: the dump has ${bytes} bytes where the manifest says ${manifest.payload_bytes} (a truncated or altered copy); nothing was restored`,
    );
  if (sha256 !== manifest.sha256)
    throw new BackupError(
      `${file} is damaged: its checksum does not match the manifest (expected sha256 ${manifest.sha256}, found ${sha256}); nothing was restored`,
    );
}
