import { parse } from 'csv-parse/sync';
import yauzl from 'yauzl';

/**
 * Reading a downloaded zip back (the "Your data" export): every file's bytes by name, and a CSV
 * file's rows keyed by its header (byte-order mark allowed, as Excel wants it written).
 */
export function unzip(buf: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const parts: Buffer[] = [];
          stream.on('data', (c: Buffer) => parts.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(parts));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** The rows of `name` in an unzipped archive; throws naming it when the archive has no such file. */
export function csvFile(files: Map<string, Buffer>, name: string): Record<string, string>[] {
  const file = files.get(name);
  if (!file) throw new Error(`${name} is not in the zip (it has ${[...files.keys()].join(', ')})`);
  return parse(file.toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
}
