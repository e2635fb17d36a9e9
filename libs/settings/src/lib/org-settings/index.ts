export * from './org-settings.error.js';
export * from './org-settings.service.js';
export * from './settings-diff.util.js';
