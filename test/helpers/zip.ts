// Lists a zip's (a .vsix's) entries with yauzl: name -> uncompressed size.
import yauzl from 'yauzl';

export async function zipEntries(file: string): Promise<Map<string, number>> {
	const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
	const entries = new Map<string, number>();
	try {
		for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry.uncompressedSize);
	} finally {
		zip.close();
	}
	return entries;
}
