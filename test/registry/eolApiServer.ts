// A local stand-in for endoflife.date's API v1 (`/api/v1/products/<id>`) on 127.0.0.1, serving
// the bundled dataset back in the API's shape, with per-product edits and scripted failures.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bundledDataset, type DateOrFlag, type Product } from '../../server/src/core/lifecycle/dataset';

export class EolApiServer {
	readonly requests: string[] = [];
	/** Products answered with this status instead (every time). */
	readonly failing = new Map<string, number>();
	private server?: Server;
	port = 0;

	constructor(private readonly edit: (id: string, product: Product) => Product = (_id, p) => p) {}

	get api(): string {
		return `http://127.0.0.1:${this.port}/api/v1`;
	}

	async start(): Promise<this> {
		this.server = createServer((req, res) => {
			this.requests.push(req.url ?? '');
			const id = /^\/api\/v1\/products\/([^/?]+)$/.exec(req.url ?? '')?.[1];
			const product = id ? bundledDataset().products[decodeURIComponent(id)] : undefined;
			const status = id ? this.failing.get(id) : undefined;
			if (status) {
				res.writeHead(status, { 'content-type': 'text/html' });
				res.end('<html>error</html>');
				return;
			}
			if (!product) {
				res.writeHead(404, { 'content-type': 'text/html' });
				res.end('<html>not found</html>');
				return;
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(toApi(id!, this.edit(id!, product))));
		});
		await new Promise<void>(resolve => this.server!.listen(0, '127.0.0.1', resolve));
		this.port = (this.server.address() as AddressInfo).port;
		return this;
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise(resolve => this.server?.close(resolve));
	}
}

function flag(value: DateOrFlag | undefined, now = '2026-11-27'): { is: boolean | null; from: string | null } {
	if (typeof value === 'string') return { is: value <= now, from: value };
	return { is: value ?? null, from: null };
}

/** The dataset's Product in endoflife.date's API v1 envelope. */
export function toApi(id: string, product: Product): object {
	return {
		schema_version: '1.2.0',
		generated_at: '2026-11-27T00:00:00+00:00',
		result: {
			name: id,
			label: product.title,
			releases: product.releases.map(r => {
				const eol = flag(r.eol);
				const eoas = flag(r.eoas);
				const eoes = flag(r.eoes);
				const lts = flag(r.lts);
				return {
					name: r.cycle,
					codename: r.codename ?? null,
					label: r.cycle,
					releaseDate: r.released ?? null,
					isLts: lts.is ?? false,
					ltsFrom: lts.from,
					isEoas: eoas.is,
					eoasFrom: eoas.from,
					isEol: eol.is ?? false,
					eolFrom: eol.from,
					isEoes: eoes.is,
					eoesFrom: eoes.from,
					isMaintained: !eol.is,
					latest: r.latest ? { name: r.latest, date: r.latestDate ?? null, link: null } : null,
				};
			}),
		},
	};
}
