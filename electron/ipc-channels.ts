/** The one IPC channel the preload invokes, shared by the main process and the preload. */
export const INVOKE_CHANNEL = 'dpo:invoke';
/** The one IPC channel the main process sends progress events on, as `(name, payload)`. */
export const EVENT_CHANNEL = 'dpo:event';
/** Shows the native open dialog for an import file and registers the choice with the core. */
export const PICK_IMPORT_FILE_CHANNEL = 'dpo:pick-import-file';
/** Shows the native save dialog for an export and registers the chosen place with the core. */
export const PICK_EXPORT_FILE_CHANNEL = 'dpo:pick-export-file';
/** Shows an exported file in the system's file manager. */
export const SHOW_EXPORTED_FILE_CHANNEL = 'dpo:show-exported-file';
/** The main process asks the page to open a path (a reminder notification was clicked). */
export const NAVIGATE_CHANNEL = 'dpo:navigate';
