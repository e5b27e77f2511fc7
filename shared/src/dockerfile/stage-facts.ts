import type { DockerfileModel, Instruction, Stage } from './model';
import { substitute, type Scope } from './variables';

/**
 * Facts about stages that several rules share: the variables in effect at an instruction, and
 * which stages can end up as a built image (whose metadata and files ship).
 */

/**
 * The ARG and ENV values in effect just before `instruction`, resolved as BuildKit does: ENV is
 * inherited from a `FROM <stage>` parent, an ARG takes its default (or the global ARG's value
 * when redeclared without one) and never overrides an ENV of the same name.
 */
export function scopeBefore(model: DockerfileModel, instruction: Instruction): Scope {
  const stage = instruction.stage;
  if (!stage) return model.globalArgs;
  const scope = new Map<string, string>(stage.parent ? stage.parent.env : []);
  const fromEnv = new Set<string>(scope.keys());
  for (const current of stage.instructions) {
    if (current === instruction) break;
    if (current.keyword === 'ARG') {
      for (const property of current.properties) {
        if (fromEnv.has(property.name)) continue;
        const value =
          property.value !== undefined ? substitute(property.value, scope, model.escapeChar) : model.globalArgs.get(property.name);
        if (value !== undefined) scope.set(property.name, value);
        else scope.delete(property.name);
      }
    } else if (current.keyword === 'ENV') {
      for (const property of current.properties) {
        const value = property.value !== undefined ? substitute(property.value, scope, model.escapeChar) : undefined;
        fromEnv.add(property.name);
        if (value !== undefined) scope.set(property.name, value);
        else scope.delete(property.name);
      }
    }
  }
  return scope;
}

/** The stage a `--from=` value names: an alias, or an index. Image references name no stage. */
export function stageNamed(model: DockerfileModel, name: string, before: number): Stage | undefined {
  const lower = name.toLowerCase();
  if (/^\d+$/.test(lower)) return model.stages[Number(lower)];
  return model.stages.slice(0, before).reverse().find((stage) => stage.alias === lower);
}

/**
 * The stages whose image can be built and shipped: the final stage, every stage no other stage
 * uses (an alternative `--target`), and the `FROM <stage>` ancestors of those. A stage that is
 * only a source for `COPY --from` or `RUN --mount=from=` is a builder: its files and metadata
 * reach the image only through what is copied out of it.
 */
export function shippedStages(model: DockerfileModel): Set<Stage> {
  const usedAsSource = new Set<Stage>();
  const usedAsParent = new Set<Stage>();
  for (const stage of model.stages) {
    if (stage.parent) usedAsParent.add(stage.parent);
    for (const instruction of stage.instructions) {
      for (const flag of instruction.flags) {
        if (flag.name === 'from' && flag.value) {
          const source = stageNamed(model, flag.value, stage.index);
          if (source && source !== stage) usedAsSource.add(source);
        }
        if (flag.name === 'mount') {
          const from = flag.options.find(([key]) => key === 'from')?.[1];
          const source = from ? stageNamed(model, from, stage.index) : undefined;
          if (source && source !== stage) usedAsSource.add(source);
        }
      }
    }
  }
  const shipped = new Set<Stage>();
  for (const stage of model.stages) {
    const leaf = !usedAsParent.has(stage) && !usedAsSource.has(stage);
    if (!stage.isFinal && !leaf) continue;
    const seen = new Set<Stage>();
    for (let current: Stage | undefined = stage; current && !seen.has(current); current = current.parent) {
      seen.add(current);
      shipped.add(current);
    }
  }
  return shipped;
}

/**
 * Paths where an instruction sees files produced by this build's other stages: the targets of
 * its `--mount=…,from=<stage>` and the destinations of earlier `COPY --from=<stage>` in its
 * stage. Packages found there were built here, not downloaded.
 */
export function pathsFromOtherStages(model: DockerfileModel, instruction: Instruction): string[] {
  const paths: string[] = [];
  const stage = instruction.stage;
  if (!stage) return paths;
  for (const flag of instruction.flags) {
    if (flag.name !== 'mount') continue;
    const option = (key: string) => flag.options.find(([name]) => name === key)?.[1];
    const from = option('from');
    const target = option('target') ?? option('dst') ?? option('destination');
    if (from && target && stageNamed(model, from, stage.index)) paths.push(target);
  }
  for (const current of stage.instructions) {
    if (current === instruction) break;
    if (current.keyword !== 'COPY') continue;
    const from = current.flags.find((flag) => flag.name === 'from')?.value;
    const destination = current.args[current.args.length - 1]?.value;
    if (from && destination && stageNamed(model, from, stage.index)) paths.push(destination);
  }
  return paths;
}

/** Whether `path` is `directory` or inside it. */
export function isUnder(path: string, directory: string): boolean {
  const base = directory.replace(/\/+$/, '');
  return path === base || path.startsWith(`${base}/`);
}
