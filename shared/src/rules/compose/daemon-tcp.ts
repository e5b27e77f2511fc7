import { isScalar, isSeq, type Node } from 'yaml';
import { defineComposeRule } from '../rule';
import { environment, ports, portRangeIncludes, scalar, scalarOffset, UNKNOWN } from '../../compose/values';
import { valueProblem } from './service-findings';
import type { ComposeModel, Field } from '../../compose/model';
import { valueRange } from '../../compose/edits';

const PLAIN_PORT = 2375;

export default defineComposeRule({
  id: 'DG203',
  name: 'daemon-tcp',
  defaultSeverity: 'error',
  cheatSheet: '1',
  fixable: false,
  summary: 'A service uses or exposes the Docker daemon over unencrypted TCP.',
  check({ model, report }) {
    for (const service of model.services) {
      // DOCKER_HOST=tcp://… without DOCKER_TLS_VERIFY: the client talks to the daemon in clear text.
      const envField = service.field('environment');
      const env = mentions(model, envField, 'DOCKER_HOST') ? environment(envField) : [];
      // The docker CLI turns TLS on for any non-empty DOCKER_TLS_VERIFY; an unknown value may be that.
      const tls = env.some((entry) => entry.name === 'DOCKER_TLS_VERIFY' && (entry.value === undefined || entry.value !== ''));
      for (const entry of env) {
        if (entry.name !== 'DOCKER_HOST' || tls || entry.raw === undefined || entry.valueStart === undefined) continue;
        const value = scalar(entry.node)?.pattern ?? '';
        const host = entry.field ? value : value.slice(value.indexOf('=') + 1);
        if (!/^tcp:\/\//i.test(host.trim())) continue;
        // Map form: the value without its quotes; list form: the text after `=`.
        const range: [number, number] | undefined = entry.field ? valueRange(model, entry.node) : [entry.valueStart, entry.valueEnd!];
        if (!range) continue;
        report(valueProblem(service, envField, range, `sets DOCKER_HOST to ${host.split(UNKNOWN).join('${…}')} without DOCKER_TLS_VERIFY: it talks to the Docker daemon over unencrypted, unauthenticated TCP, and anyone who can reach that port controls the host.`));
      }

      // A published container port 2375: the daemon's plain-text API, reachable from outside.
      const portsField = service.field('ports');
      // Most services publish ordinary ports: parse only lists that could hold 2375.
      const portList = mentions(model, portsField, /2375|\d-\d|\$/) ? ports(portsField) : [];
      for (const port of portList) {
        if (!portRangeIncludes(port.target, PLAIN_PORT) || (port.protocol !== undefined && port.protocol.toLowerCase() !== 'tcp')) continue;
        // Long syntax: the `target:` value, the port that is the daemon's.
        const range = valueRange(model, port.short ? port.node : model.fieldOf(port.node, 'target')?.value);
        if (!range) continue;
        report(valueProblem(service, portsField, range, `publishes port ${PLAIN_PORT}, the Docker daemon's unencrypted API: whoever reaches it${port.hostIp ? ` on ${port.hostIp}` : ' on any interface of the host'} controls the daemon and the host. Use TLS on 2376 (--tlsverify) or an SSH connection.`));
      }

      // dockerd -H tcp://… without --tlsverify, in command or entrypoint.
      for (const key of ['command', 'entrypoint']) {
        const field = service.field(key);
        if (!field || !mentions(model, field, 'docker')) continue;
        for (const host of plainDaemonHosts(model, field)) {
          report(valueProblem(service, field, [host.start, host.end], `runs dockerd listening on ${host.text} without --tlsverify: the daemon's API is open, unencrypted and unauthenticated, to anyone who reaches that address.`));
        }
      }
    }
  },
});

/** A cheap look at the text of a field's value (as written, wherever that is) before parsing it. */
function mentions(model: ComposeModel, field: Field | undefined, needle: string | RegExp): boolean {
  const range = field?.value?.range;
  if (!range) return false;
  const text = model.text.slice(range[0], range[1]);
  // Aliases and merge keys bring in text written elsewhere: look closer then.
  return (typeof needle === 'string' ? text.includes(needle) : needle.test(text)) || text.includes('*');
}

/** The words of a command (string or list form), with offsets; each list item is also split if it is a script. */
function commandWords(model: ComposeModel, field: Field): Word[][] {
  const pieces: Node[] = isSeq(field.value) ? field.items().map((item) => item.node).filter((node): node is Node => isScalar(node)) : isScalar(field.value) ? [field.value] : [];
  const split = (node: Node): Word[] => {
    const value = scalar(node);
    if (!value || !isScalar(node) || !node.range) return [];
    return shellWords(value.raw, scalarOffset(model, node, 0), [node.range[0], node.range[1]]);
  };
  // A quoted script inside a command string (`sh -c "… dockerd …"`) is a command line too.
  const scripts = (words: Word[]): Word[][] =>
    words
      .filter((word) => /\s/.test(word.text) && word.end - word.start > word.text.length)
      .map((word) => {
        const raw = model.text.slice(word.start, word.end);
        const quote = /^["']/.test(raw) ? 1 : 0;
        return shellWords(raw.slice(quote, raw.length - (/["']$/.test(raw) ? 1 : 0)), word.start + quote, [word.start, word.end]);
      });
  if (!isSeq(field.value)) return pieces.map(split).flatMap((words) => [words, ...scripts(words)]);
  // The list itself is one command line; items that are scripts (`sh -c "…"`) are command lines too.
  const itemWords = pieces.map((node): Word => {
    const range = valueRange(model, node)!;
    return { text: scalar(node)?.raw ?? '', start: range[0], end: range[1] };
  });
  return [itemWords, ...pieces.filter((node) => /\s/.test(scalar(node)?.raw ?? '')).map(split)];
}

/** `dockerd … -H tcp://…` / `--host=tcp://…` words in a command without `--tlsverify`. */
function plainDaemonHosts(model: ComposeModel, field: Field): Word[] {
  const found: Word[] = [];
  for (const words of commandWords(model, field)) {
    for (let i = 0; i < words.length; i++) {
      const name = words[i].text.slice(words[i].text.lastIndexOf('/') + 1);
      const isDaemon = name === 'dockerd' || (name === 'docker' && words[i + 1]?.text === 'daemon');
      if (!isDaemon || !atCommandPosition(words, i)) continue;
      const hosts: Word[] = [];
      let tls = false;
      for (let j = i + 1; j < words.length && !/^(&&|\|\||;|\||\n)$/.test(words[j].text); j++) {
        const word = words[j].text;
        if (/^--tlsverify(=(true|1))?$/i.test(word)) tls = true;
        const inline = /^(?:-H|--host)=?(tcp:\/\/.*)$/i.exec(word);
        if (inline && word !== '-H' && word !== '--host') hosts.push(sub(words[j], word.length - inline[1].length));
        else if ((word === '-H' || word === '--host') && /^tcp:\/\//i.test(words[j + 1]?.text ?? '')) hosts.push(words[j + 1]);
      }
      if (!tls) found.push(...hosts);
    }
  }
  return found;
}

/** Whether word `i` is what runs (`echo dockerd` only prints the word). */
function atCommandPosition(words: Word[], i: number): boolean {
  for (let j = i - 1; j >= 0; j--) {
    const word = words[j].text;
    if (/^(&&|\|\||;|\||\n)$/.test(word)) return true;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(word) || /^(exec|sudo|nohup|env|command|time)$/.test(word) || (word.startsWith('-') && j > 0 && words[j - 1].text === 'sudo')) continue;
    return false;
  }
  return true;
}

/** The part of a word from character `at` (when the word's offsets are exact). */
function sub(word: Word, at: number): Word {
  const exact = word.end - word.start === word.text.length;
  return exact ? { text: word.text.slice(at), start: word.start + at, end: word.end } : word;
}

/** A word of a command line, with the offsets of what is written (quotes included). */
interface Word {
  text: string;
  start: number;
  end: number;
}

/**
 * Splits a command string into shell-like words, with quotes removed from the text but offsets
 * covering what is written. Separators (`&&`, `||`, `;`, `|`, newlines) come out as their own words.
 */
function shellWords(text: string, offset: number | undefined, fallback: [number, number]): Word[] {
  const words: Word[] = [];
  const pattern = /&&|\|\||[;|\n]|(?:[^\s"';|&]|&(?!&)|"[^"]*"?|'[^']*'?)+/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const raw = match[0];
    const start = offset === undefined ? fallback[0] : offset + match.index;
    const end = offset === undefined ? fallback[1] : offset + match.index + raw.length;
    words.push({ text: raw.replace(/["']/g, ''), start, end });
  }
  return words;
}
