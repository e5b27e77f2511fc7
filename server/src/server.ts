// Placeholder until the language server lands (issue #5).
export {};
