/** Where an auth instance keeps its drizzle database (db/auth/users.ts writes the activity log through it). */
export const dbKey = Symbol.for('hyoka.auth.db');
