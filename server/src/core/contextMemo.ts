// Memos of what a rule context derives from both its parse and its options (ARG values depend on
// build args, RUN scripts on those values). Keyed by the options object and a parse object, so a
// parse analysed again with other options (a hover, another caller) never gets the first answer.
// Weak keys: nothing outlives the analysis that made it.
export type ContextMemo<K extends object, V> = (ctx: { options: object }, key: K, compute: () => V) => V;

export function contextMemo<K extends object, V>(): ContextMemo<K, V> {
	const byOptions = new WeakMap<object, WeakMap<K, V>>();
	return (ctx, key, compute) => {
		let memo = byOptions.get(ctx.options);
		if (!memo) byOptions.set(ctx.options, (memo = new WeakMap()));
		if (memo.has(key)) return memo.get(key)!;
		const value = compute();
		memo.set(key, value);
		return value;
	};
}
