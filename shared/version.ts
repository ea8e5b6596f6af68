/** The workbench's version (package.json's; a test holds them together): the About box, exports, reports. */
export const APP_VERSION = '0.1.0';
