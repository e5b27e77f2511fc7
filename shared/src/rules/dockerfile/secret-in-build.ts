import { defineDockerfileRule } from '../rule';
import type { Instruction, PropertyWord } from '../../dockerfile/model';
import { stageChain } from '../../dockerfile/stages';
import { findSecretValues, isNonSecretValue, isSecretName } from '../../secrets';

const SECRET_MOUNT = 'RUN --mount=type=secret,id=… (the step reads it from /run/secrets/…)';

/** A default that says where the secret is, not what it is: a path or a URL without a password. */
function pointsElsewhere(value: string | undefined): boolean {
  if (value === undefined) return false;
  const trimmed = value.trim();
  return trimmed !== '' && !/^[a-z]+$/i.test(trimmed) && isNonSecretValue(trimmed);
}

function isReference(value: string): boolean {
  return /^\$(?:\{[A-Za-z_][A-Za-z0-9_]*(?:[:?+-][^}]*)?\}|[A-Za-z_][A-Za-z0-9_]*)$/.test(value.trim());
}

export default defineDockerfileRule({
  id: 'DG106',
  name: 'secret-in-build',
  defaultSeverity: 'warning',
  cheatSheet: '12',
  fixable: false,
  summary: "An ARG or ENV carries a secret, which stays in the image's history.",
  check({ model, report }) {
    const reportedArgs = new Set<string>();
    for (const instruction of model.instructions) {
      switch (instruction.keyword) {
        case 'ARG':
        case 'ENV':
          for (const property of instruction.properties) {
            if (reportKnownFormat(instruction, property)) continue;
            if (!isSecretName(property.name)) continue;
            if (instruction.keyword === 'ARG') {
              // A stage re-declaring a global ARG only brings it into scope: one finding per name.
              if (reportedArgs.has(property.name) || pointsElsewhere(property.value)) continue;
              reportedArgs.add(property.name);
              report({
                start: property.nameStart,
                end: property.nameEnd,
                message:
                  `ARG ${property.name} is a secret passed as a build argument: build arguments are recorded in the image history ` +
                  `and the build's provenance. Give the step that needs it ${SECRET_MOUNT} instead.`,
              });
            } else {
              if (property.value === undefined || isNonSecretValue(property.value)) continue;
              const reference = isReference(property.value);
              const shipped = instruction.stage !== undefined && model.finalStage !== undefined && stageChain(model.finalStage).includes(instruction.stage);
              const what = reference
                ? `copies ${model.text.slice(property.valueStart, property.valueEnd).trim()} into the environment of ${shipped ? 'the image' : 'this build stage'}`
                : `puts a secret into the environment of ${shipped ? 'the image' : 'this build stage'} and into the Dockerfile itself`;
              const who = shipped
                ? 'anyone who can pull the image or inspect a container reads it'
                : 'it stays in the stage\'s image configuration and the build cache';
              report({
                start: property.nameStart,
                end: property.nameEnd,
                message: `ENV ${property.name} ${what}: ${who}. Build steps should use ${SECRET_MOUNT}; give runtime secrets to the container when it starts.`,
              });
            }
          }
          break;
        case 'RUN':
          for (const match of findSecretValues(model.text.slice(instruction.start, instruction.end))) {
            report({
              start: instruction.start + match.start,
              end: instruction.start + match.end,
              message:
                `This RUN contains ${match.kind}: RUN command lines are stored in the image history and the build cache. ` +
                `Rotate it, and use ${SECRET_MOUNT}.`,
            });
          }
          break;
      }
    }

    /** A value in a known credential format is reported at the credential, whatever the name. */
    function reportKnownFormat(instruction: Instruction, property: PropertyWord): boolean {
      if (property.value === undefined) return false;
      const raw = model.text.slice(property.valueStart, property.valueEnd);
      const matches = findSecretValues(raw);
      for (const match of matches) {
        report({
          start: property.valueStart + match.start,
          end: property.valueStart + match.end,
          message:
            `${instruction.keyword} ${property.name} holds ${match.kind}: ${instruction.keyword === 'ARG' ? 'ARG defaults' : 'ENV values'} ` +
            `are stored in the image${instruction.keyword === 'ARG' ? "'s history" : ''} for anyone who can pull it. Rotate it, and ` +
            `use ${SECRET_MOUNT}.`,
        });
      }
      return matches.length > 0;
    }
  },
});
