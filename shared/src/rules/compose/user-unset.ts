import { isMap } from 'yaml';
import { defineComposeRule, type RuleContext } from '../rule';
import type { ComposeModel, Field } from '../../compose/model';
import { fieldValue, scalar } from '../../compose/values';
import { addServiceKey } from '../../compose/edits';
import { buildDockerfileModel, isRootUser } from '../../dockerfile/model';
import { parseImageReference } from '../../dockerfile/image';
import { describeRuntimeBase, imageLabel, matchesNonRootPattern } from '../../dockerfile/runtime-user';
import { extendsChain, isCompleteService, serviceLabel, titleWithInheritors } from './service-findings';
import { directoryOf, resolveFrom } from './workspace-path';

const NON_ROOT_USER = '"10001:10001"';

/** Why the service runs as root; undefined when it does not, or when that cannot be known. */
type Verdict = { root: true; why: string; certain: boolean } | undefined;

export default defineComposeRule({
  id: 'DG208',
  name: 'user-unset',
  defaultSeverity: 'off',
  cheatSheet: '2',
  fixable: true,
  summary: 'A service sets no user: and does not build a non-root image of this workspace.',
  check(context) {
    const { model } = context;
    for (const service of model.services) {
      if (!isCompleteService(service)) continue;
      const chain = extendsChain(model, service);
      if (chain === undefined) continue;
      const own = (key: string): Field | undefined => [service, ...chain].map((candidate) => candidate.field(key)).find((field) => field !== undefined);
      if (own('user')) continue;
      const build = own('build');
      const verdict = build ? builtImage(context, build) : pulledImage(context, own('image'));
      if (!verdict) continue;
      context.report({
        start: service.keyStart,
        end: service.keyEnd,
        message: `${serviceLabel(service)} sets no user:, and ${verdict.why}, so it runs as ${verdict.certain ? 'root' : "the image's default user, which is root for most images"}. Set a non-root user (user: "UID:GID").`,
        fixes: () => {
          const edits = addServiceKey(model, service, [`user: ${NON_ROOT_USER}`]);
          return edits.length > 0 ? [{ title: titleWithInheritors(`Add 'user: ${NON_ROOT_USER}'`, model, service), edits }] : [];
        },
      });
    }
  },
});

function pulledImage(context: RuleContext<ComposeModel>, image: Field | undefined): Verdict {
  const value = fieldValue(image)?.trim();
  if (!value) return undefined;
  const reference = parseImageReference(value);
  if (matchesNonRootPattern(reference, context.config.nonRootBaseImages)) return undefined;
  return { root: true, why: `the image '${value}' is not known to run as non-root`, certain: false };
}

/** The build's runtime stage (its `target`, else the last) and the user it ends with. */
function builtImage(context: RuleContext<ComposeModel>, build: Field): Verdict {
  const settings = buildSettings(build);
  if (!settings) return undefined;
  let text: string | undefined;
  let where: string;
  if (settings.inline !== undefined) {
    text = settings.inline;
    where = 'the inline Dockerfile';
  } else {
    // Git and HTTP contexts are not files of this workspace.
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(settings.context) || /^git@|\.git(?:#|$)/.test(settings.context)) return undefined;
    const contextPath = resolveFrom(directoryOf(context.fileName), settings.context);
    const path = resolveFrom(contextPath, settings.dockerfile);
    text = context.readFile(path);
    where = `its Dockerfile ${settings.dockerfile}`;
  }
  if (text === undefined) return undefined;
  const dockerfile = buildDockerfileModel(text);
  const stage = settings.target !== undefined ? dockerfile.stages.find((candidate) => candidate.alias === settings.target!.toLowerCase()) : dockerfile.finalStage;
  if (!stage) return undefined;
  const stageName = settings.target !== undefined ? `stage '${settings.target}' of ${where}` : where;
  if (stage.user) {
    if (stage.user.value === undefined) return undefined;
    return isRootUser(stage.user.value) ? { root: true, why: `${stageName} ends with USER ${stage.user.raw}`, certain: true } : undefined;
  }
  const base = describeRuntimeBase(dockerfile, stage);
  if (!base.image || base.windows) return undefined;
  if (matchesNonRootPattern(base.image, context.config.nonRootBaseImages)) return undefined;
  return { root: true, why: `${stageName} never sets USER on '${imageLabel(base.image)}'`, certain: base.scratch };
}

function buildSettings(build: Field): { context: string; dockerfile: string; inline?: string; target?: string } | undefined {
  if (!isMap(build.value)) {
    const context = fieldValue(build);
    return context === undefined || context === '' ? undefined : { context, dockerfile: 'Dockerfile' };
  }
  const read = (key: string): { present: boolean; value: string | undefined } => {
    const field = build.get(key);
    return { present: field !== undefined, value: fieldValue(field) };
  };
  const context = read('context');
  const dockerfile = read('dockerfile');
  const target = read('target');
  if ((context.present && context.value === undefined) || (dockerfile.present && dockerfile.value === undefined) || (target.present && target.value === undefined)) return undefined;
  const inlineField = build.get('dockerfile_inline');
  const inline = inlineField ? scalar(inlineField.value) : undefined;
  if (inlineField && !inline) return undefined;
  return {
    context: context.value || '.',
    dockerfile: dockerfile.value || 'Dockerfile',
    inline: inline ? (inline.value ?? inline.raw) : undefined,
    target: target.value,
  };
}

