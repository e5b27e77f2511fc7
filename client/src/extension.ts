// Placeholder until the extension client lands (issue #6).
export function activate(): void {}
export function deactivate(): void {}
