// The fixture registry lives in scripts/env/fixtureRegistry.ts (benchmarks use it too); this name
// stays for the suites that import it from here.
export * from '../../scripts/env/fixtureRegistry';
