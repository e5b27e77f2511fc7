import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

/**
 * dockguard reads workspaces it does not trust: the engine and the language server must never
 * run a program, open a network connection, or evaluate code. This reads their own sources (not
 * third-party code) with the TypeScript parser and fails on any way to do so.
 */

const ROOT = resolve(__dirname, '..', '..', '..');
const FORBIDDEN_MODULES = new Set(['child_process', 'http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'vm', 'cluster', 'inspector']);
const FORBIDDEN_GLOBALS = new Set(['eval', 'Function', 'fetch', 'XMLHttpRequest', 'WebSocket', 'importScripts']);

function sources(dir: string, files: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) sources(path, files);
    else if (entry.endsWith('.ts') && !entry.endsWith('.test.ts') && !entry.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

function moduleName(specifier: string): string {
  return specifier.replace(/^node:/, '').split('/')[0];
}

/** Every forbidden use in one file, as `file:line what`. */
export function forbiddenUses(path: string, text: string): string[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node, what: string) => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    found.push(`${relative(ROOT, path)}:${line + 1} ${what}`);
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (FORBIDDEN_MODULES.has(moduleName(node.moduleSpecifier.text))) report(node, `imports ${node.moduleSpecifier.text}`);
    }
    if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (ts.isStringLiteral(expression) && FORBIDDEN_MODULES.has(moduleName(expression.text))) report(node, `imports ${expression.text}`);
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const [argument] = node.arguments;
      if ((ts.isIdentifier(callee) && callee.text === 'require') || callee.kind === ts.SyntaxKind.ImportKeyword) {
        if (!argument || !ts.isStringLiteral(argument)) report(node, 'loads a module chosen at run time');
        else if (FORBIDDEN_MODULES.has(moduleName(argument.text))) report(node, `requires ${argument.text}`);
      }
      if (ts.isIdentifier(callee) && FORBIDDEN_GLOBALS.has(callee.text)) report(node, `calls ${callee.text}`);
      if (ts.isPropertyAccessExpression(callee) && ['setTimeout', 'setInterval'].includes(callee.name.text) && argument && ts.isStringLiteral(argument)) {
        report(node, `evaluates a string with ${callee.name.text}`);
      }
    }
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && FORBIDDEN_GLOBALS.has(node.expression.text)) {
      report(node, `constructs ${node.expression.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

for (const project of ['shared/src', 'server/src']) {
  test(`${project} never executes, downloads or evaluates anything`, () => {
    const files = sources(join(ROOT, project));
    assert.ok(files.length > 0);
    const uses = files.flatMap((path) => forbiddenUses(path, readFileSync(path, 'utf8')));
    assert.deepEqual(uses, []);
  });
}

test('the check itself finds each kind of forbidden use', () => {
  const sample = [
    "import { exec } from 'node:child_process';",
    "import * as https from 'https';",
    "export { connect } from 'net';",
    "const vm = require('vm');",
    'const m = require(name);',
    'eval("1");',
    'const f = new Function("return 1");',
    "fetch('https://example.com');",
    "globalThis.setTimeout('alert(1)', 1);",
    "import('node:http');",
  ].join('\n');
  assert.equal(forbiddenUses(join(ROOT, 'sample.ts'), sample).length, 10);
  assert.deepEqual(forbiddenUses(join(ROOT, 'ok.ts'), "import { readFile } from 'node:fs/promises';\nconst x = JSON.parse('{}');\n"), []);
});
