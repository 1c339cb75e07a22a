// Startup budgets: a benchmark as a patch gate. parse.ts reads `10%` / `2s@16`, config.ts `.patchlens.yaml`,
// verdict.ts decides pass/fail from a finished report (docs/budget.md).
export * from './config';
export * from './parse';
export * from './verdict';
