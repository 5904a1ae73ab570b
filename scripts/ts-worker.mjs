// Boots a worker thread from TypeScript sources (tests, tsx): registers tsx's ESM loader in this
// thread, then imports the module named by the first argument. Production runs dist/ and never uses it.
import { register } from "tsx/esm/api";

register();
await import(process.argv[2]);
