import zlib from 'node:zlib';
import yauzl from 'yauzl';

/** Reads a ZIP archive (yauzl) into its entries by name, checking each entry's CRC-32 (yauzl leaves that to its caller). */
export async function readZip(archive: Buffer): Promise<Map<string, Buffer>> {
  const zip = await yauzl.fromBufferPromise(archive, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true });
  const entries = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      zip
        .openReadStreamPromise(entry)
        .then(async (stream) => {
          const chunks: Buffer[] = [];
          for await (const chunk of stream) chunks.push(chunk as Buffer);
          const content = Buffer.concat(chunks);
          if (zlib.crc32(content) !== entry.crc32) throw new Error(`corrupt entry ${entry.fileName}`);
          entries.set(entry.fileName, content);
          zip.readEntry();
        })
        .catch(reject);
    });
    zip.readEntry();
  });
  return entries;
}
