/**
 * Every PGlite database Hyoka opens (the app, the scripts, the tests, the bench) comes from here,
 * so each loads the extensions the migrations create (see pglite-create.mjs, shared with the
 * worker thread of pglite-worker.mjs).
 */
export { createPglite } from './pglite-create.mjs';
