/**
 * The workbench's mark in the SQLite header (`PRAGMA application_id`, "DPOW"): a file carrying another mark, or
 * none while it already holds tables, is another application's database and is never written to.
 */
export const APPLICATION_ID = 0x44504f57;
