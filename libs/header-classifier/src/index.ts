export * from './lib/header-classifier.js';
