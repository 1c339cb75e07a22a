// Injected by esbuild from package.json; 'dev' when run from sources.
declare const PATCHLENS_VERSION: string | undefined;
export const VERSION: string = typeof PATCHLENS_VERSION === 'string' ? PATCHLENS_VERSION : 'dev';
