// A second dockerd owned by one test or bench script: own data-root, exec-root, socket and pid file, no
// networking. Tests may kill and restart it; the shared engine on /var/run/docker.sock is never touched.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SHARED_HOST } from './fixtures';

export interface PrivateEngine {
	dir: string;
	socket: string;
	host: string;
	/** Runs the docker CLI against this engine. */
	docker(args: string[], input?: Buffer): string;
	/** Copies an image from the shared engine with `docker save | docker load` (no registry digests). */
	loadFromShared(ref: string): void;
	/** SIGKILL dockerd (and the containerd it manages): the engine dies mid-flight. */
	kill(): Promise<void>;
	start(): Promise<void>;
	/** Stops the engine and deletes its directory. */
	dispose(): Promise<void>;
}

function ping(socket: string): Promise<boolean> {
	return new Promise(resolve => {
		const req = http.get({ socketPath: socket, path: '/_ping', timeout: 1000 }, res => {
			res.resume();
			resolve(res.statusCode === 200);
		});
		req.on('error', () => resolve(false));
		req.on('timeout', () => { req.destroy(); resolve(false); });
	});
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

function pidAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Child processes of pid (containerd is started by dockerd). */
function children(pid: number): number[] {
	try {
		return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
	} catch {
		return [];
	}
}

export async function startPrivateEngine(): Promise<PrivateEngine> {
	// Short path: unix socket paths are limited to ~108 bytes.
	const dir = mkdtempSync(path.join(tmpdir(), 'pl-engine-'));
	const socket = path.join(dir, 'docker.sock');
	const pidfile = path.join(dir, 'docker.pid');
	let child: ChildProcess | undefined;

	const start = async () => {
		const log = openSync(path.join(dir, 'dockerd.log'), 'a');
		child = spawn('dockerd', [
			'--data-root', path.join(dir, 'data'), '--exec-root', path.join(dir, 'exec'), '-H', `unix://${socket}`, '--pidfile', pidfile,
			'--bridge=none', '--iptables=false', '--ip-masq=false', '--ip6tables=false',
		], { stdio: ['ignore', log, log], detached: true });
		closeSync(log);
		const deadline = Date.now() + 60_000;
		while (Date.now() < deadline) {
			if (await ping(socket)) return;
			if (child.exitCode !== null) {
				const tail = readFileSync(path.join(dir, 'dockerd.log'), 'utf8').trim().split('\n').slice(-3).join('\n');
				throw new Error(`private dockerd exited with ${child.exitCode}: ${tail}`);
			}
			await sleep(100);
		}
		throw new Error('private dockerd did not answer within 60 s');
	};

	const stopWith = async (sig: NodeJS.Signals) => {
		const pid = child?.pid;
		if (!pid || !pidAlive(pid)) return;
		const kids = sig === 'SIGKILL' ? children(pid) : [];
		process.kill(pid, sig);
		for (const k of kids) {
			try { process.kill(k, 'SIGKILL'); } catch { /* already gone */ }
		}
		const deadline = Date.now() + 30_000;
		while (pidAlive(pid) && Date.now() < deadline) await sleep(50);
		if (sig === 'SIGKILL') {
			// A killed containerd can linger as a zombie whose pid still "exists": dockerd would then wait for
			// it instead of starting a new one.
			rmSync(pidfile, { force: true });
			rmSync(path.join(dir, 'exec', 'containerd', 'containerd.pid'), { force: true });
		}
	};

	await start();
	const host = `unix://${socket}`;
	return {
		dir, socket, host,
		docker: (args, input) => execFileSync('docker', ['-H', host, ...args], { input, encoding: 'utf8', env: { ...process.env, DOCKER_CONFIG: path.join(dir, 'cli-config') } }),
		loadFromShared: ref => {
			const tar = execFileSync('docker', ['-H', SHARED_HOST, 'save', ref], { maxBuffer: 1 << 30 });
			execFileSync('docker', ['-H', host, 'load', '-q'], { input: tar });
		},
		kill: () => stopWith('SIGKILL'),
		start,
		dispose: async () => {
			await stopWith('SIGTERM');
			// After a kill, container shims of this engine outlive it: end exactly those (found by our socket dir).
			for (const pid of processesMentioning(dir)) {
				try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
			}
			// containerd-shims of containers the test left running die with their task; give them a moment.
			for (const line of readMounts().filter(m => m.startsWith(dir))) {
				try { execFileSync('umount', ['-l', line]); } catch { /* not mounted any more */ }
			}
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

function processesMentioning(dir: string): number[] {
	try {
		return execFileSync('pgrep', ['-f', `${dir}/`], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number).filter(pid => pid !== process.pid);
	} catch {
		return [];
	}
}

function readMounts(): string[] {
	try {
		return readFileSync('/proc/mounts', 'utf8').split('\n').map(l => l.split(' ')[1]).filter(Boolean).reverse();
	} catch {
		return [];
	}
}
