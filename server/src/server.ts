import { createConnection } from 'vscode-languageserver/node';
import { createServer } from './createServer';
import { NodeFileSystem } from './fileSystem';

/**
 * The language server process: `--node-ipc` from VS Code, `--stdio` (the default) from any other
 * editor, or `--socket=<port>` / `--pipe=<name>`.
 */
const transports = ['--node-ipc', '--stdio', '--socket', '--pipe'];
if (!process.argv.slice(2).some((argument) => transports.some((transport) => argument === transport || argument.startsWith(`${transport}=`)))) {
  // Editors that start a server with no arguments get stdio, which is what they all speak.
  process.argv.push('--stdio');
}

const connection = createConnection();
createServer(connection, { fileSystem: new NodeFileSystem() });

// Whatever slips through must not take the editor's linting down with it.
process.on('uncaughtException', (error) => connection.console.error(`Unexpected error: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));

connection.listen();
