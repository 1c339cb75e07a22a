// Orders strings by UTF-16 code units. `localeCompare` follows the machine's locale (LANG/LC_ALL):
// in sv_SE `ä` sorts after `z`, so output order would depend on where Patchlens runs.
export function compareOrdinal(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
