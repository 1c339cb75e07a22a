// Entry point of the `patchlens` bin (bundled to cli/out/patchlens.js).
import { main } from './main';

void main(process.argv.slice(2));
