/**
 * The client–server contract: custom messages, commands and settings. Kept out of
 * `shared/src/index.ts` so the engine itself does not depend on the LSP protocol package.
 */
export * from './messages';
export * from './settings';
