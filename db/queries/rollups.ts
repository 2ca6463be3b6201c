/** The rollup refresh lives beside the schema (db/rollups.ts): import, rollback and pages share it. */
export { refreshRollups, rollupInsertSql, type RollupScope } from '../rollups';
